package bodyformat

import "testing"

func TestLimitsWithDefaults(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want Limits
	}{
		{"zero", Limits{}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: DefaultMaxDepth, MaxParts: DefaultMaxParts}},
		{"negative", Limits{MaxDecoded: -1, MaxDepth: -1, MaxParts: -1}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: DefaultMaxDepth, MaxParts: DefaultMaxParts}},
		{"set", Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3}, Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3}},
		{"partly set", Limits{MaxDepth: 7}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: 7, MaxParts: DefaultMaxParts}},
		{"depth capped", Limits{MaxDepth: 1 << 30}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: maxDepthCap, MaxParts: DefaultMaxParts}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.in.withDefaults(); got != c.want {
				t.Errorf("withDefaults(%+v) = %+v, want %+v", c.in, got, c.want)
			}
		})
	}
}
