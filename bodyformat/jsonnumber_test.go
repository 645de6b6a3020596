package bodyformat

import (
	"encoding/json"
	"testing"
)

func TestScanJSONNumber(t *testing.T) {
	for _, c := range []struct {
		src      string
		end      int
		integral bool
		ok       bool
	}{
		{"0", 1, true, true},
		{"-0", 2, true, true},
		{"13812345678,", 11, true, true},
		{"1.5", 3, false, true},
		{"1e10]", 4, false, true},
		{"-1.25E-3}", 8, false, true},
		{"1E+2", 4, false, true},
		{"01", 1, true, true}, // the caller rejects what follows
		{"-", 0, false, false},
		{"-a", 0, false, false},
		{"1.", 0, false, false},
		{"1.e5", 0, false, false},
		{"1e", 0, false, false},
		{"1e+", 0, false, false},
		{".5", 0, false, false},
	} {
		end, integral, ok := scanJSONNumber([]byte(c.src), 0)
		if end != c.end || integral != c.integral || ok != c.ok {
			t.Errorf("scanJSONNumber(%q) = %d, %v, %v; want %d, %v, %v", c.src, end, integral, ok, c.end, c.integral, c.ok)
		}
	}
}

func TestAppendIntegerDigits(t *testing.T) {
	for _, c := range []struct {
		num  string
		want string // "" for not ok
	}{
		{"1.3812345678e10", "13812345678"},
		{"13812345678.000", "13812345678"},
		{"-1.3812345678E+10", "13812345678"},
		{"138123456.78e2", "13812345678"},
		{"1381234567800e-2", "13812345678"},
		{"0.0013812345678e13", "13812345678"},
		{"1e3", "1000"},
		{"1.5", ""},
		{"0.0", ""},
		{"0e5", ""},
		{"1e-3", ""},
		{"1e100", ""},
		{"1e999999999999", ""},
		{"123456789012345678901234567890123456789.0", ""},
	} {
		got, ok := appendIntegerDigits([]byte("x"), []byte(c.num))
		if c.want == "" {
			if ok || string(got) != "x" {
				t.Errorf("appendIntegerDigits(%q) = %q, %v; want not ok and dst untouched", c.num, got, ok)
			}
			continue
		}
		if !ok || string(got) != "x"+c.want {
			t.Errorf("appendIntegerDigits(%q) = %q, %v; want x%s", c.num, got, ok, c.want)
		}
		var f json.Number
		if err := json.Unmarshal([]byte(c.num), &f); err != nil {
			t.Errorf("%q is not a JSON number: %v", c.num, err)
		}
	}
}
