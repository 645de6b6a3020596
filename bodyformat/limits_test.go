package bodyformat

import "testing"

func TestLimitsWithDefaults(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want Limits
	}{
		{"zero", Limits{}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: DefaultMaxDepth, MaxParts: DefaultMaxParts, MaxRatio: DefaultMaxRatio, MaxWork: DefaultWorkFactor * DefaultMaxDecoded}},
		{"negative", Limits{MaxDecoded: -1, MaxDepth: -1, MaxParts: -1}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: DefaultMaxDepth, MaxParts: DefaultMaxParts, MaxRatio: DefaultMaxRatio, MaxWork: DefaultWorkFactor * DefaultMaxDecoded}},
		{"set", Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3, MaxRatio: 5, MaxWork: 7}, Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3, MaxRatio: 5, MaxWork: 7}},
		{"work from max decoded", Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3}, Limits{MaxDecoded: 10, MaxDepth: 2, MaxParts: 3, MaxRatio: DefaultMaxRatio, MaxWork: 10 * DefaultWorkFactor}},
		{"partly set", Limits{MaxDepth: 7}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: 7, MaxParts: DefaultMaxParts, MaxRatio: DefaultMaxRatio, MaxWork: DefaultWorkFactor * DefaultMaxDecoded}},
		{"depth capped", Limits{MaxDepth: 1 << 30}, Limits{MaxDecoded: DefaultMaxDecoded, MaxDepth: maxDepthCap, MaxParts: DefaultMaxParts, MaxRatio: DefaultMaxRatio, MaxWork: DefaultWorkFactor * DefaultMaxDecoded}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.in.withDefaults(); got != c.want {
				t.Errorf("withDefaults(%+v) = %+v, want %+v", c.in, got, c.want)
			}
		})
	}
}
