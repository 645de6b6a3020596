package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// denied drops from fs, the findings of a value read under a key that
// names an identifier of another kind (order_no, tid, 订单号: keyWords),
// those of a category the key denies that stand on no label or key of
// their own and are written whole, as that identifier is: one run of
// ASCII digits that is the whole value, blanks around it aside. A card
// spaced, spelled or labelled in such a value (卡号 4111 1111 1111 1111)
// is still a card, and so is one beside other text: a parser that splits
// a form's fields on ';' too reads "order_no=1;x=<card>" as a field x
// holding the card. The words are the registry's
// (detect.CategoryInfo.NotLabels); in text they deny nothing, since
// anyone writing a message could put them before a card.
func denied(text []byte, fs []detect.Finding, deny detect.CategorySet) []detect.Finding {
	lo, hi := 0, len(text)
	for lo < hi && isSpaceByte(text[lo]) {
		lo++
	}
	for hi > lo && isSpaceByte(text[hi-1]) {
		hi--
	}
	kept := fs[:0]
	for _, f := range fs {
		if !deny.Has(f.Category) || f.Evidence&(detect.EvLabel|detect.EvKey|detect.EvObfuscated) != 0 || f.Start != lo || f.End != hi || !isDigits(text[f.Start:f.End]) {
			kept = append(kept, f)
		}
	}
	return kept
}
