package matcher

import (
	"fmt"
	"reflect"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The names of the matcher in CEL: the macro users write, and the
// function it expands to.
const (
	celMacro = "pii"
	celFunc  = "pii_match_request_categories"
)

// CELLibrary makes the matcher available in CEL expression matchers as
// pii(), which matches a request carrying any personal information in its
// query string or body, and pii('cn_id', 'cn_mobile', …), which counts only
// the categories named. Both read the body as the pii matcher does, once
// per request, and fail the same way on a body that cannot be inspected:
//
//	expression pii()
//	expression `method('POST') && pii('cn_id', 'bank_card')`
//
// Category names must be string literals; unknown names are reported when
// the configuration loads.
//
// The error of a body that cannot be inspected reaches handle_errors
// wrapped by CEL, and Caddy (2.11) reads {err.status_code} only from an
// unwrapped caddyhttp.HandlerError: after an expression the status is 500
// unless handle_errors responds with one of its own. The named pii matcher
// does not have this limitation.
func (MatchPII) CELLibrary(ctx caddy.Context) (cel.Library, error) {
	factory := func(data ref.Val) (caddyhttp.RequestMatcherWithError, error) {
		names, err := data.ConvertToNative(reflect.TypeFor[[]string]())
		if err != nil {
			return nil, err
		}
		m := &MatchPII{}
		for _, n := range names.([]string) {
			m.Detect = append(m.Detect, detect.Category(n))
		}
		if err := m.Provision(ctx); err != nil {
			return nil, err
		}
		return m, nil
	}
	return caddyhttp.NewMatcherCELLibrary(
		[]cel.EnvOption{
			cel.Macros(cel.GlobalVarArgMacro(celMacro, expandPII)),
			cel.Function(celFunc,
				cel.Overload(celFunc,
					[]*cel.Type{cel.ObjectType("http.Request"), cel.ListType(cel.StringType)},
					cel.BoolType),
				cel.SingletonBinaryBinding(caddyhttp.CELMatcherRuntimeFunction(celFunc, factory))),
		},
		[]cel.ProgramOption{
			cel.CustomDecorator(caddyhttp.CELMatcherDecorator(celFunc, factory)),
		},
	), nil
}

// expandPII rewrites pii(args…) to pii_match_request_categories(req,
// [args…]), accepting no arguments (any category) or string literals.
func expandPII(eh cel.MacroExprFactory, _ ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
	for _, a := range args {
		if a.Kind() != ast.LiteralKind || a.AsLiteral().Type() != types.StringType {
			return nil, eh.NewError(a.ID(), fmt.Sprintf(
				"%s() takes category names as string literals, such as %s('cn_id')", celMacro, celMacro))
		}
	}
	return eh.NewCall(celFunc, eh.NewIdent(caddyhttp.CELRequestVarName), eh.NewList(args...)), nil
}
