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
		c := Customer{ID: i, Note: proseLine(r), OrderNo: OrderNumber(r), Created: fmt.Sprintf("%s 10:%02d:%02d", Date(r), r.IntN(60), r.IntN(60))}
		if pii {
			c.Name, c.IDCard, c.Mobile, c.Email = CNName(r), CNID18(r), CNMobile(r), Email(r)
			c.Address, c.BankCard = CNAddress(r), UnionPayCard(r)
		}
		rec, err := json.Marshal(c)
		if err != nil {
			panic(err)
		}
		if i > 1 {
			b.WriteByte(',')
		}
		b.Write(rec)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}
