package check

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// MaxLine is the longest JSON line (one transaction) ReadJSONL accepts.
const MaxLine = 4 << 20

// ReadJSONL reads transactions, one JSON object a line (the orders-dev
// format), and calls fn for each in order. Blank lines are skipped. A
// malformed line stops the read with a *tripline.ParseError naming name and
// the line.
func ReadJSONL(r io.Reader, name string, fn func(*tripline.Transaction) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var tx tripline.Transaction
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&tx); err != nil {
			return tripline.ParseErrorf(name, line, "%s", "not a transaction object: "+err.Error())
		}
		if dec.More() {
			return tripline.ParseErrorf(name, line, "%s", "one transaction a line: text after the object")
		}
		if err := validate(&tx); err != "" {
			return tripline.ParseErrorf(name, line, "%s", err)
		}
		if err := fn(&tx); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return tripline.ParseErrorf(name, line+1, "%s", fmt.Sprintf("line longer than %d bytes", MaxLine))
		}
		return &tripline.Error{Op: "check.ReadJSONL", Kind: tripline.KindInvalid, Msg: "cannot read " + name, Err: err}
	}
	return nil
}

// validRoles are the party roles a transaction may use.
var validRoles = map[string]bool{
	tripline.RoleSeller: true, tripline.RoleBuyer: true, tripline.RoleConsignee: true, tripline.RoleEndUser: true,
	tripline.RoleFreightForwarder: true, tripline.RolePayer: true, tripline.RoleNotifyParty: true,
}

func validate(tx *tripline.Transaction) string {
	for i, p := range tx.Parties {
		if !validRoles[p.Role] {
			return fmt.Sprintf("party %d: role %q is not one of seller, buyer, consignee, end_user, freight_forwarder, payer, notify_party", i+1, p.Role)
		}
	}
	for i, it := range tx.Items {
		if it.Quantity < 0 || it.UnitValue < 0 {
			return fmt.Sprintf("item %d: negative quantity or value", i+1)
		}
	}
	return ""
}

// CSV form of transactions, for spreadsheet users: one row per order line
// (item); rows with the same id, one after the other, make one
// transaction. The header names the columns, in any order, any subset:
//
//	id, date, end_use, notes
//	route_origin, route_transit (countries separated by ; or space), route_destination
//	payment_method, payer_country, payment_currency
//	ROLE_name, ROLE_country, ROLE_address, ROLE_email, ROLE_phone,
//	ROLE_registered, ROLE_industry, ROLE_website
//	    for ROLE in seller, buyer, consignee, end_user, freight_forwarder,
//	    payer, notify_party (one party per role)
//	item_description, item_hs_code, item_part_number, item_manufacturer,
//	item_quantity, item_unit_value, item_currency, item_eccn
//
// Order and party columns are read from the first row of a transaction;
// later rows may repeat them or leave them empty. A row whose item columns
// are all empty adds no item.
var csvOrderCols = []string{"id", "date", "end_use", "notes", "route_origin", "route_transit", "route_destination",
	"payment_method", "payer_country", "payment_currency"}

var csvPartyFields = []string{"name", "country", "address", "email", "phone", "registered", "industry", "website"}

var csvItemCols = []string{"item_description", "item_hs_code", "item_part_number", "item_manufacturer",
	"item_quantity", "item_unit_value", "item_currency", "item_eccn"}

var csvRoles = []string{tripline.RoleSeller, tripline.RoleBuyer, tripline.RoleConsignee, tripline.RoleEndUser,
	tripline.RoleFreightForwarder, tripline.RolePayer, tripline.RoleNotifyParty}

// CSVColumns lists every column the CSV form knows, in a good order.
func CSVColumns() []string {
	cols := append([]string{}, csvOrderCols...)
	for _, r := range csvRoles {
		for _, f := range csvPartyFields {
			cols = append(cols, r+"_"+f)
		}
	}
	return append(cols, csvItemCols...)
}

// ReadCSV reads transactions in the CSV form (see CSVColumns) and calls fn
// for each, in order. Errors are *tripline.ParseError values naming the
// line.
func ReadCSV(r io.Reader, name string, fn func(*tripline.Transaction) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return csvErr(name, err)
	}
	known := map[string]bool{}
	for _, c := range CSVColumns() {
		known[c] = true
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !known[h] {
			return tripline.ParseErrorf(name, 1, "%s", fmt.Sprintf("unknown column %q (see tripline check --help for the columns)", h))
		}
		if _, dup := col[h]; dup {
			return tripline.ParseErrorf(name, 1, "%s", fmt.Sprintf("column %q appears twice", h))
		}
		col[h] = i
	}
	if _, ok := col["id"]; !ok {
		return tripline.ParseErrorf(name, 1, "%s", "no id column")
	}
	var cur *tripline.Transaction
	flush := func(line int) error {
		if cur == nil {
			return nil
		}
		tx := cur
		cur = nil
		if msg := validate(tx); msg != "" {
			return tripline.ParseErrorf(name, line, "%s", msg)
		}
		return fn(tx)
	}
	startLine := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		id := get("id")
		if id == "" {
			allEmpty := true
			for _, v := range rec {
				allEmpty = allEmpty && strings.TrimSpace(v) == ""
			}
			if allEmpty {
				continue
			}
			return tripline.ParseErrorf(name, line, "%s", "row without an id")
		}
		if cur == nil || cur.ID != id {
			if err := flush(startLine); err != nil {
				return err
			}
			startLine = line
			cur = &tripline.Transaction{ID: id, Date: get("date"), EndUse: get("end_use"), Notes: get("notes"),
				Route: tripline.Route{Origin: get("route_origin"), Destination: get("route_destination"),
					Transit: strings.FieldsFunc(get("route_transit"), func(r rune) bool { return r == ';' || r == ' ' || r == ',' })},
				Payment: tripline.Payment{Method: get("payment_method"), PayerCountry: get("payer_country"), Currency: get("payment_currency")},
			}
			for _, role := range csvRoles {
				p := tripline.Party{Role: role, Name: get(role + "_name"), Country: get(role + "_country"),
					Address: get(role + "_address"), Email: get(role + "_email"), Phone: get(role + "_phone"),
					Registered: get(role + "_registered"), Industry: get(role + "_industry"), Website: get(role + "_website")}
				if p.Name != "" {
					cur.Parties = append(cur.Parties, p)
				}
			}
		}
		it := tripline.Item{Description: get("item_description"), HSCode: get("item_hs_code"), PartNumber: get("item_part_number"),
			Manufacturer: get("item_manufacturer"), Currency: get("item_currency"), ECCN: get("item_eccn")}
		for _, f := range []struct {
			col string
			dst *float64
		}{{"item_quantity", &it.Quantity}, {"item_unit_value", &it.UnitValue}} {
			s := strings.ReplaceAll(get(f.col), ",", "")
			if s == "" {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v != v {
				return tripline.ParseErrorf(name, line, "%s", fmt.Sprintf("%s %q is not a number", f.col, get(f.col)))
			}
			*f.dst = v
		}
		if it.Description != "" || it.HSCode != "" || it.PartNumber != "" {
			cur.Items = append(cur.Items, it)
		}
	}
	return flush(startLine)
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return tripline.ParseErrorf(name, pe.Line, "%s", pe.Err.Error())
	}
	return &tripline.Error{Op: "check.ReadCSV", Kind: tripline.KindInvalid, Msg: "cannot read " + name, Err: err}
}
