package logfilter

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestNumberDigitsFromKeyDigits: the log's number gate is the registry's
// detect.KeyDigits of the key's hint and of every category but QQ, with
// no digit count of its own: seven under any key, five under a QQ key;
// and the integers never formatted (shortInt) have fewer digits than the
// gate under every hint.
func TestNumberDigitsFromKeyDigits(t *testing.T) {
	for _, h := range append([]detect.CategorySet{0}, hintsAlone()...) {
		if got, want := numberDigits(h), detect.KeyDigits(h|anyKeyHint); got != want {
			t.Errorf("numberDigits(%v) = %d, want KeyDigits %d", h.Categories(), got, want)
		}
		if short := len(intText(shortBelow - 1)); short >= numberDigits(h) {
			t.Errorf("under %v: %d-digit integers are never read, the gate is %d", h.Categories(), short, numberDigits(h))
		}
	}
	for key, want := range map[string]int{"size": 7, "座机": 7, "phone": 7, "qq": 5, "qq_number": 5} {
		if got := numberDigits(bodyformat.HintForKey(key)); got != want {
			t.Errorf("numberDigits under %q = %d, want %d", key, got, want)
		}
	}
	if len(intText(shortBelow)) != numberDigits(detect.NewCategorySet(detect.AllCategories...)) {
		t.Errorf("shortBelow %d is not the least integer of the fewest digits any key reads", shortBelow)
	}
}
