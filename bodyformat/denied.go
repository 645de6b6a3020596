package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// denied drops from fs, the findings of a value read under a key that
// names an identifier of another kind (order_no, tid, 订单号: keyWords),
// those of a category the key denies that stand on no label or key of
// their own and are written whole, as that identifier is: one run of
// ASCII digits in text. A card spaced, spelled or labelled in such a
// value (卡号 4111 1111 1111 1111) is still a card. The words are the
// registry's (detect.CategoryInfo.NotLabels); in text they deny nothing,
// since anyone writing a message could put them before a card.
func denied(text []byte, fs []detect.Finding, deny detect.CategorySet) []detect.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if !deny.Has(f.Category) || f.Evidence&(detect.EvLabel|detect.EvKey|detect.EvObfuscated) != 0 || !isDigits(text[f.Start:f.End]) {
			kept = append(kept, f)
		}
	}
	return kept
}
