package decide

import (
	"strings"

	"github.com/tripline/tripline"
)

// Limits bound one transaction; a zero field takes its default.
type Limits struct {
	// MaxParties is 50 by default, MaxItems 1,000.
	MaxParties, MaxItems int
}

func (l Limits) orDefault() Limits {
	if l.MaxParties == 0 {
		l.MaxParties = 50
	}
	if l.MaxItems == 0 {
		l.MaxItems = 1000
	}
	return l
}

// Normalize is the first phase: it checks tx against the limits and
// returns a copy with its codes in one spelling (countries trimmed and
// upper case, the payment method lower case, currencies upper case), so
// that the phases after it compare them as they are. Names and free text
// are kept as written. tx is not changed.
//
// Errors are *tripline.Error values: Invalid for a nil transaction,
// TooLarge for one with too many parties or items.
func Normalize(tx *tripline.Transaction, lim Limits) (*tripline.Transaction, error) {
	if tx == nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "transaction is empty")
	}
	lim = lim.orDefault()
	if len(tx.Parties) > lim.MaxParties {
		return nil, tripline.Errorf(tripline.KindTooLarge, "transaction %q has %d parties, more than %d", tx.ID, len(tx.Parties), lim.MaxParties)
	}
	if len(tx.Items) > lim.MaxItems {
		return nil, tripline.Errorf(tripline.KindTooLarge, "transaction %q has %d items, more than %d", tx.ID, len(tx.Items), lim.MaxItems)
	}
	n := *tx
	n.Parties = make([]tripline.Party, len(tx.Parties))
	for i, p := range tx.Parties {
		p.Country = code(p.Country)
		n.Parties[i] = p
	}
	n.Items = make([]tripline.Item, len(tx.Items))
	for i, it := range tx.Items {
		it.Currency = code(it.Currency)
		n.Items[i] = it
	}
	n.Route.Origin, n.Route.Destination = code(tx.Route.Origin), code(tx.Route.Destination)
	if tx.Route.Transit != nil {
		n.Route.Transit = make([]string, len(tx.Route.Transit))
		for i, c := range tx.Route.Transit {
			n.Route.Transit[i] = code(c)
		}
	}
	n.Payment.PayerCountry, n.Payment.Currency = code(tx.Payment.PayerCountry), code(tx.Payment.Currency)
	n.Payment.Method = strings.ToLower(strings.TrimSpace(tx.Payment.Method))
	return &n, nil
}

// code is a country or currency code in its one spelling.
func code(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
