package bodyformat

// The defaults of Limits, used for every field left at zero (or set
// negative).
const (
	DefaultMaxDecoded int64 = 16 << 20 // 16 MiB after decompression
	DefaultMaxDepth         = 256      // JSON nesting
	DefaultMaxParts         = 256      // multipart parts, nested parts included
	DefaultMaxRatio   int64 = 1000     // decoded size over encoded size
	DefaultWorkFactor int64 = 16       // MaxWork, in multiples of MaxDecoded
)

// maxDepthCap bounds Limits.MaxDepth: the JSON walker recurses once per
// level.
const maxDepthCap = 10000

// maxPartNesting bounds how deep multipart bodies may nest inside one
// another (multipart/mixed inside multipart/form-data, …).
const maxPartNesting = 8

// withDefaults returns lim with every unset field at its default.
func (lim Limits) withDefaults() Limits {
	if lim.MaxDecoded <= 0 {
		lim.MaxDecoded = DefaultMaxDecoded
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	lim.MaxDepth = min(lim.MaxDepth, maxDepthCap)
	if lim.MaxParts <= 0 {
		lim.MaxParts = DefaultMaxParts
	}
	if lim.MaxRatio <= 0 {
		lim.MaxRatio = DefaultMaxRatio
	}
	if lim.MaxWork <= 0 {
		lim.MaxWork = lim.MaxDecoded * DefaultWorkFactor
	}
	return lim
}
