//go:build !bodydiff

package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// The differential hook (diffhook_on.go) records nothing in a build
// without the bodydiff tag.

func diffInspect([]byte, string, string, Mode, Limits, Result, error) {}
func diffFindText([]byte, detect.CategorySet, []detect.Finding)       {}
func diffStreamWrite(*Stream, []byte)                                 {}
