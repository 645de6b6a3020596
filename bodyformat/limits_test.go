package bodyformat

import "testing"

func TestLimitsWithDefaults(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want Limits
	}{
		{"zero", Limits{}, Limits{DefaultMaxDecoded, DefaultMaxDepth, DefaultMaxParts}},
		{"negative", Limits{-1, -1, -1}, Limits{DefaultMaxDecoded, DefaultMaxDepth, DefaultMaxParts}},
		{"set", Limits{10, 2, 3}, Limits{10, 2, 3}},
		{"partly set", Limits{MaxDepth: 7}, Limits{DefaultMaxDecoded, 7, DefaultMaxParts}},
		{"depth capped", Limits{MaxDepth: 1 << 30}, Limits{DefaultMaxDecoded, maxDepthCap, DefaultMaxParts}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.in.withDefaults(); got != c.want {
				t.Errorf("withDefaults(%+v) = %+v, want %+v", c.in, got, c.want)
			}
		})
	}
}
