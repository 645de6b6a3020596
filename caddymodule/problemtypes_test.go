package caddymodule

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/mdanchor"
)

// reasonsInSource returns the value of every constant of type reason
// declared in the package's (non-test) source, so that a reason added
// later is checked without anyone remembering to list it.
func reasonsInSource(t *testing.T) []reason {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []reason
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if typ, ok := spec.Type.(*ast.Ident); !ok || typ.Name != "reason" {
				return true
			}
			for _, v := range spec.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, reason(s))
				}
			}
			return true
		})
	}
	return out
}

// TestProblemTypesResolve: the problem type of the refusal for every
// reason is a link to a section of the README, which says what the client
// sees and what the operator can do.
func TestProblemTypesResolve(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := mdanchor.Anchors(readme)
	reasons := reasonsInSource(t)
	if len(reasons) < 4 {
		t.Fatalf("found only the reasons %v in the source", reasons)
	}
	for _, r := range reasons {
		typ := newProblem(&incident{Reason: r, Direction: dirRequest}).Type
		fragment, ok := strings.CutPrefix(typ, problemTypeBase)
		if !ok || !anchors[fragment] {
			t.Errorf("reason %s: problem type %s is no section of the README", r, typ)
		}
	}
}
