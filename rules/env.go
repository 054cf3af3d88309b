package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/tripline/tripline"
)

// Type is the CEL type of a variable.
type Type struct{ t *cel.Type }

// The types a variable may have.
var (
	BoolType   = Type{cel.BoolType}
	IntType    = Type{cel.IntType}
	DoubleType = Type{cel.DoubleType}
	StringType = Type{cel.StringType}
	// DynType is any value; fields of a DynType map are checked at
	// evaluation, not at load.
	DynType = Type{cel.DynType}
)

// ListOf is the type of a list of elem.
func ListOf(elem Type) Type { return Type{cel.ListType(elem.t)} }

// MapOf is the type of a map from strings to elem.
func MapOf(elem Type) Type { return Type{cel.MapType(cel.StringType, elem.t)} }

// String is the type as CEL writes it ("map(string, dyn)").
func (t Type) String() string { return t.t.String() }

// Variable is one variable rule expressions may read.
type Variable struct {
	Name string
	Type Type
	// Doc lists its fields or says what it holds, for documentation.
	Doc string
}

// Scalar are the Go types of function arguments and results: CEL's
// string, bool, int and double.
type Scalar interface {
	string | bool | int64 | float64
}

// Function is one function rule expressions may call.
type Function struct {
	Name string
	// Doc says what it answers, for documentation.
	Doc string
	// Signature is how it is called ("hub(string) bool").
	Signature string
	opt       cel.EnvOption
}

// Func1 declares a function of one argument.
func Func1[A, R Scalar](name, doc string, fn func(A) R) Function {
	var a A
	var r R
	return Function{Name: name, Doc: doc, Signature: fmt.Sprintf("%s(%s) %s", name, celOf(a), celOf(r)),
		opt: cel.Function(name, cel.Overload(name+"_"+celOf(a).String(), []*cel.Type{celOf(a)}, celOf(r),
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				x, ok := v.Value().(A)
				if !ok {
					return types.NewErr("%s: want a %s", name, celOf(a))
				}
				return val(fn(x))
			})))}
}

// Func2 declares a function of two arguments.
func Func2[A, B, R Scalar](name, doc string, fn func(A, B) R) Function {
	var a A
	var b B
	var r R
	return Function{Name: name, Doc: doc, Signature: fmt.Sprintf("%s(%s, %s) %s", name, celOf(a), celOf(b), celOf(r)),
		opt: cel.Function(name, cel.Overload(name+"_"+celOf(a).String()+"_"+celOf(b).String(), []*cel.Type{celOf(a), celOf(b)}, celOf(r),
			cel.BinaryBinding(func(v, w ref.Val) ref.Val {
				x, ok1 := v.Value().(A)
				y, ok2 := w.Value().(B)
				if !ok1 || !ok2 {
					return types.NewErr("%s: want a %s and a %s", name, celOf(a), celOf(b))
				}
				return val(fn(x, y))
			})))}
}

func celOf(v any) *cel.Type {
	switch v.(type) {
	case string:
		return cel.StringType
	case bool:
		return cel.BoolType
	case int64:
		return cel.IntType
	}
	return cel.DoubleType
}

func val(v any) ref.Val {
	switch x := v.(type) {
	case string:
		return types.String(x)
	case bool:
		return types.Bool(x)
	case int64:
		return types.Int(x)
	case float64:
		return types.Double(x)
	}
	return types.NewErr("unsupported result %T", v)
}

// Schema is what rule expressions can see and what a rule may say: the
// variables a fact source fills, the functions it offers and the
// red-flag categories. The evaluator knows nothing of orders: package
// decide declares the schema of one, bound to the catalogue in use.
type Schema struct {
	Variables []Variable
	Functions []Function
	// Categories are the category words a rule may carry.
	Categories []string
}

// Env is a schema made into a CEL environment; rules are compiled in one
// (Env.Load) and evaluated over facts of its schema. An Env is immutable
// and safe for concurrent use.
type Env struct {
	cel    *cel.Env
	schema Schema
	cats   map[string]bool
}

// NewEnv builds the environment of a schema, with the CEL string
// extensions (join, lowerAscii, matches ...). It fails on a schema CEL
// refuses (a name declared twice, a function clashing with a built-in).
func NewEnv(s Schema) (*Env, error) {
	opts := []cel.EnvOption{ext.Strings()}
	for _, v := range s.Variables {
		if v.Type.t == nil {
			return nil, &tripline.Error{Op: "rules.NewEnv", Kind: tripline.KindInternal, Msg: "variable " + v.Name + " has no type"}
		}
		opts = append(opts, cel.Variable(v.Name, v.Type.t))
	}
	for _, f := range s.Functions {
		if f.opt == nil {
			return nil, &tripline.Error{Op: "rules.NewEnv", Kind: tripline.KindInternal, Msg: "function " + f.Name + " was not made with Func1 or Func2"}
		}
		opts = append(opts, f.opt)
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, &tripline.Error{Op: "rules.NewEnv", Kind: tripline.KindInternal, Msg: "cannot build the rule environment", Err: err}
	}
	cats := map[string]bool{}
	for _, c := range s.Categories {
		cats[c] = true
	}
	return &Env{cel: env, schema: s, cats: cats}, nil
}

// Schema returns the schema the environment was built from.
func (e *Env) Schema() Schema { return e.schema }

// program type-checks and plans one expression, which must give want (or
// dyn, checked at evaluation).
func (e *Env) program(expr string, want *cel.Type) (cel.Program, string) {
	ast, iss := e.cel.Compile(expr)
	if iss.Err() != nil {
		return nil, oneLine(iss.Err().Error())
	}
	if !ast.OutputType().IsExactType(want) && !ast.OutputType().IsExactType(cel.DynType) {
		return nil, "must be a " + want.String() + " expression, is " + ast.OutputType().String()
	}
	prg, err := e.cel.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(1_000_000))
	if err != nil {
		return nil, oneLine(err.Error())
	}
	return prg, ""
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
