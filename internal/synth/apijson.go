package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Customer is one record of the legacy API that CustomersJSON imitates.
type Customer struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	IDCard   string `json:"idCard"`
	Mobile   string `json:"mobile"`
	Email    string `json:"email"`
	Address  string `json:"address"`
	BankCard string `json:"bankCard"`
	Note     string `json:"note"`
	OrderNo  string `json:"orderNo"`
	Created  string `json:"createdAt"`
}

// CustomersJSON returns a JSON document of about n bytes, as a leaky legacy
// API serves it: {"code":0,"data":[customer, …]}. With pii false the
// personal fields are left empty and only ordinary data remains (order
// numbers, timestamps, notes), for measuring clean traffic.
func CustomersJSON(r *rand.Rand, n int, pii bool) []byte {
	var b strings.Builder
	b.WriteString(`{"code":0,"message":"ok","data":[`)
	for i := 1; b.Len() < n-300 || i == 1; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		b.Write(NewCustomer(r, i, pii).JSON())
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// NewCustomer returns customer number id of the legacy API, with a note,
// an order number and a creation time, and with pii its personal fields
// (name, resident ID, mobile, e-mail, address, bank card) filled in.
func NewCustomer(r *rand.Rand, id int, pii bool) Customer {
	c := Customer{ID: id, Note: proseLine(r), OrderNo: OrderNumber(r), Created: fmt.Sprintf("%s 10:%02d:%02d", Date(r), r.IntN(60), r.IntN(60))}
	if pii {
		c.Name, c.IDCard, c.Mobile, c.Email = CNName(r), CNID18(r), CNMobile(r), Email(r)
		c.Address, c.BankCard = CNAddress(r), UnionPayCard(r)
	}
	return c
}

// JSON returns the customer as one JSON object.
func (c Customer) JSON() []byte {
	rec, err := json.Marshal(c)
	if err != nil {
		panic(err) // a struct of strings and an int always marshals
	}
	return rec
}
