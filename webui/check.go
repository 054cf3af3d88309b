package webui

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
)

// The order check: a form for one order or shipment (or a file of them,
// read by `tripline check`'s reader), checked by the API's checker; the
// page shows each decision with every red flag, its rule and source
// document, the listed parties found, and the goods with their CHPL tier
// and control entries.

const (
	formParties = 6
	formItems   = 4
	// maxCheckOrders is the most orders one upload may hold here (the CLI
	// takes any number).
	maxCheckOrders = 200
	maxCheckUpload = 16 << 20
)

type checkData struct {
	Form      checkForm
	Roles     []string
	Methods   []string
	Decisions []decisionView
	Errors    []string
	FileName  string
}

type checkForm struct {
	ID, Date, EndUse, Notes      string
	Origin, Transit, Destination string
	Method, PayerCountry, Cur    string
	Parties                      []tripline.Party
	Items                        []itemForm
}

type itemForm struct {
	Description, HSCode, PartNumber, Quantity, UnitValue, Currency string
}

type decisionView struct {
	*tripline.Decision
	Items []tripline.Item
	// Goods pairs each goods line with its item.
	Goods []goodsView
}

type goodsView struct {
	tripline.GoodsLine
	// Line is the item the goods line classifies.
	Line tripline.Item
}

func (u *UI) emptyCheck() checkData {
	d := checkData{Roles: tripline.PartyRoles, Methods: []string{"", "wire", "letter_of_credit", "cash", "crypto"}}
	d.Form.Parties = make([]tripline.Party, formParties)
	d.Form.Parties[0].Role = tripline.RoleSeller
	d.Form.Parties[1].Role = tripline.RoleBuyer
	d.Form.Parties[2].Role = tripline.RoleEndUser
	d.Form.Items = make([]itemForm, formItems)
	return d
}

func (u *UI) checkPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if u.api.Checker == nil {
		return tripline.Errorf(tripline.KindNotFound, "order checks are not enabled on this server")
	}
	u.render(w, r, rq, http.StatusOK, "check.html", "Check an order", u.emptyCheck())
	return nil
}

func (u *UI) checkSubmit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if u.api.Checker == nil {
		return tripline.Errorf(tripline.KindNotFound, "order checks are not enabled on this server")
	}
	d := u.emptyCheck()
	var txs []*tripline.Transaction
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		r.Body = http.MaxBytesReader(w, r.Body, maxCheckUpload)
		var errs []string
		var err error
		txs, errs, d.FileName, err = readOrderUpload(r)
		if err != nil {
			return err
		}
		d.Errors = errs
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		if err := r.ParseForm(); err != nil {
			return uploadError(err)
		}
		d.Form = formFrom(r)
		tx, err := d.Form.transaction()
		if err != nil {
			d.Errors = append(d.Errors, tripline.ErrorMessage(err))
		} else {
			txs = append(txs, tx)
		}
	}
	status := http.StatusOK
	for _, tx := range txs {
		dec, err := u.api.Checker.Check(r.Context(), tx)
		if err != nil {
			k := tripline.ErrorKind(err)
			if k != tripline.KindInvalid && k != tripline.KindTooLarge && k != tripline.KindUnavailable {
				return err
			}
			d.Errors = append(d.Errors, "order "+tx.ID+": "+tripline.ErrorMessage(err))
			continue
		}
		dv := decisionView{Decision: dec, Items: tx.Items}
		for _, gl := range dec.Goods {
			gv := goodsView{GoodsLine: gl}
			if gl.Item >= 0 && gl.Item < len(tx.Items) {
				gv.Line = tx.Items[gl.Item]
			}
			dv.Goods = append(dv.Goods, gv)
		}
		d.Decisions = append(d.Decisions, dv)
	}
	if len(d.Decisions) == 0 && len(d.Errors) > 0 {
		status = http.StatusBadRequest
	}
	u.render(w, r, rq, status, "check.html", "Order check", d)
	return nil
}

// readOrderUpload reads the orders of the uploaded file with the reader
// of `tripline check`; bad rows are reported by line and the rest checked.
func readOrderUpload(r *http.Request) ([]*tripline.Transaction, []string, string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, "", tripline.Errorf(tripline.KindInvalid, "expected a form upload (multipart/form-data)")
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, nil, "", tripline.Errorf(tripline.KindInvalid, "choose a file of orders (JSON lines or CSV) to check")
		}
		if err != nil {
			return nil, nil, "", uploadError(err)
		}
		if p.FormName() != "file" || p.FileName() == "" {
			continue
		}
		name := filepath.Base(p.FileName())
		or, err := tabular.NewOrderReader(p, name, tabular.FormatAuto)
		if err != nil {
			if tabular.IsRowError(err) || tripline.ErrorKind(err) == tripline.KindInvalid {
				return nil, []string{tripline.ErrorMessage(err)}, name, nil
			}
			return nil, nil, "", uploadError(err)
		}
		var txs []*tripline.Transaction
		var errs []string
		for {
			tx, err := or.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				if !tabular.IsRowError(err) {
					return nil, nil, "", uploadError(err)
				}
				errs = append(errs, err.Error())
				continue
			}
			if len(txs) == maxCheckOrders {
				errs = append(errs, "only the first "+strconv.Itoa(maxCheckOrders)+" orders are checked here; check larger files with tripline check")
				break
			}
			txs = append(txs, tx)
		}
		return txs, errs, name, nil
	}
}

// formFrom reads the order form.
func formFrom(r *http.Request) checkForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := checkForm{ID: v("id"), Date: v("date"), EndUse: v("end_use"), Notes: v("notes"), Origin: v("origin"), Transit: v("transit"),
		Destination: v("destination"), Method: v("method"), PayerCountry: v("payer_country"), Cur: v("payment_currency")}
	for i := 0; i < formParties; i++ {
		p := "party" + strconv.Itoa(i) + "_"
		f.Parties = append(f.Parties, tripline.Party{Role: v(p + "role"), Name: v(p + "name"), Country: v(p + "country"), Address: v(p + "address"), Email: v(p + "email")})
	}
	for i := 0; i < formItems; i++ {
		p := "item" + strconv.Itoa(i) + "_"
		f.Items = append(f.Items, itemForm{Description: v(p + "description"), HSCode: v(p + "hs_code"), PartNumber: v(p + "part_number"),
			Quantity: v(p + "quantity"), UnitValue: v(p + "unit_value"), Currency: v(p + "currency")})
	}
	return f
}

// transaction is the order the form describes, validated as every order
// is (tripline.Transaction.Validate).
func (f *checkForm) transaction() (*tripline.Transaction, error) {
	tx := &tripline.Transaction{ID: f.ID, Date: f.Date, EndUse: f.EndUse, Notes: f.Notes,
		Route:   tripline.Route{Origin: f.Origin, Destination: f.Destination},
		Payment: tripline.Payment{Method: f.Method, PayerCountry: f.PayerCountry, Currency: f.Cur}}
	if tx.ID == "" {
		tx.ID = "web-order"
	}
	for _, t := range strings.Split(f.Transit, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tx.Route.Transit = append(tx.Route.Transit, t)
		}
	}
	for i, p := range f.Parties {
		if p.Name == "" {
			continue
		}
		if p.Role == "" {
			return nil, tripline.Errorf(tripline.KindInvalid, "party %d (%s): choose its role", i+1, p.Name)
		}
		tx.Parties = append(tx.Parties, p)
	}
	for i, it := range f.Items {
		if it.Description == "" && it.HSCode == "" && it.PartNumber == "" {
			continue
		}
		item := tripline.Item{Description: it.Description, HSCode: it.HSCode, PartNumber: it.PartNumber, Currency: it.Currency}
		var err error
		if it.Quantity != "" {
			if item.Quantity, err = strconv.ParseFloat(it.Quantity, 64); err != nil || item.Quantity < 0 {
				return nil, tripline.Errorf(tripline.KindInvalid, "item %d: the quantity %q is not a number", i+1, it.Quantity)
			}
		}
		if it.UnitValue != "" {
			if item.UnitValue, err = strconv.ParseFloat(it.UnitValue, 64); err != nil || item.UnitValue < 0 {
				return nil, tripline.Errorf(tripline.KindInvalid, "item %d: the unit value %q is not a number", i+1, it.UnitValue)
			}
		}
		tx.Items = append(tx.Items, item)
	}
	if len(tx.Parties) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "give at least one party with a name")
	}
	if err := tx.Validate(); err != nil {
		return nil, err
	}
	return tx, nil
}
