package brief

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
)

// Check returns an error naming the field path (as in the JSON form, e.g.
// "figures[3].high") of every NaN or infinite number in b, which
// encoding/json cannot write, or nil when every number is finite. The
// error is a *parallax.Error with code parallax.EINTERNAL: such a number is
// a bug of the stage that computed it. Build never returns such a brief.
func Check(b *parallax.Brief) error {
	if b == nil {
		return nil
	}
	var bad []string
	walkFloats(reflect.ValueOf(b).Elem(), "", false, func(path string, v reflect.Value) {
		bad = append(bad, fmt.Sprintf("%s is %v", path, v.Float()))
	})
	if len(bad) == 0 {
		return nil
	}
	const most = 10
	msg := strings.Join(bad[:min(len(bad), most)], ", ")
	if len(bad) > most {
		msg += fmt.Sprintf(" and %d more", len(bad)-most)
	}
	return parallax.Errorf(parallax.EINTERNAL, "", "the brief holds numbers JSON cannot write: %s", msg)
}

// sanitize removes from b what still holds a NaN or an infinite number
// after the stages (which keep such numbers out at their source): a figure
// whose value or range is not finite is dropped, and any other such number
// is set to zero. It is the last step of Build.
func sanitize(b *parallax.Brief) {
	figs := b.Figures[:0]
	for _, f := range b.Figures {
		if finite(f.Value) && finite(f.Low) && finite(f.High) {
			figs = append(figs, f)
		}
	}
	b.Figures = figs
	walkFloats(reflect.ValueOf(b).Elem(), "", true, func(string, reflect.Value) {})
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// walkFloats calls bad with the path and value of every non-finite float
// reachable from v, in the order of the JSON form (map keys sorted); paths
// use the JSON names of the fields. With fix, each such float is set to
// zero (map values are copied, fixed and stored back); without, nothing is
// written.
func walkFloats(v reflect.Value, path string, fix bool, bad func(string, reflect.Value)) {
	if !holdsFloat(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if !finite(v.Float()) {
			bad(path, v)
			if fix && v.CanSet() {
				v.SetFloat(0)
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkFloats(v.Elem(), path, fix, bad)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if name := jsonName(f); f.IsExported() && name != "-" {
				walkFloats(v.Field(i), join(path, name), fix, bad)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkFloats(v.Index(i), path+"["+strconv.Itoa(i)+"]", fix, bad)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			kp := path + "[" + fmt.Sprint(k) + "]"
			if !fix {
				walkFloats(v.MapIndex(k), kp, false, bad)
				continue
			}
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			walkFloats(e, kp, true, bad)
			v.SetMapIndex(k, e)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonName returns the name of a field in the JSON form.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return cmp.Or(name, f.Name)
}

var floatTypes sync.Map // reflect.Type → bool: holdsFloat's answers

// holdsFloat reports whether a value of type t may hold a float.
func holdsFloat(t reflect.Type) bool {
	if v, ok := floatTypes.Load(t); ok {
		return v.(bool)
	}
	has := holdsFloatIn(t, map[reflect.Type]bool{})
	floatTypes.Store(t, has)
	return has
}

func holdsFloatIn(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // a recursive type holds a float through another field, if at all
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return holdsFloatIn(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsFloatIn(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// Try builds the brief of a story as Build does, but never panics: a panic
// in any stage is recovered and returned as a *parallax.Error with code
// parallax.EINTERNAL whose Input names the story's articles (their IDs, else
// paths) and whose Message holds the panic value and the stack where it
// happened. It also returns Check's error (code EINTERNAL) when the brief
// holds a number JSON cannot write; the brief is returned with it.
//
// Unlike Build, Try names and dates the articles given as the brief does
// (clean.Settle, in place): the callers written when Build did so show
// the articles beside the brief and rely on it. A caller that settles its
// articles first (arts = clean.Settle(arts)) sees them unchanged; calling
// Try twice gives the same brief.
func Try(arts []*parallax.Article, opts Options) (b *parallax.Brief, err error) {
	for i, a := range clean.Settle(arts) {
		if a != arts[i] {
			*arts[i] = *a
		}
	}
	b, err = try(func() *parallax.Brief { return Build(arts, opts) })
	var e *parallax.Error
	if errors.As(err, &e) {
		e.Input = storyInput(arts)
	}
	return b, err
}

// try calls build, turning a panic into an error and checking the brief it
// returns.
func try(build func() *parallax.Brief) (b *parallax.Brief, err error) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		stack := debug.Stack()
		if p, ok := v.(*stagePanic); ok {
			v, stack = p.value, p.stack
		}
		e := &parallax.Error{Code: parallax.EINTERNAL, Message: fmt.Sprintf("panic while building the brief: %v\n%s", v, stack)}
		if ve, ok := v.(error); ok {
			e.Err = ve
		}
		b, err = nil, e
	}()
	b = build()
	if err := Check(b); err != nil {
		return b, err
	}
	return b, nil
}

// maxInputIDs is the number of article identifiers an error names before
// it counts the rest.
const maxInputIDs = 5

// storyInput names the articles of a story for an error: their IDs (else
// paths), comma separated, the first few only when there are many.
func storyInput(arts []*parallax.Article) string {
	ids := make([]string, 0, min(len(arts), maxInputIDs))
	for i, a := range arts {
		if i == maxInputIDs {
			break
		}
		id := cmp.Or(a.ID, a.Path, "#"+strconv.Itoa(i+1))
		if r := []rune(id); len(r) > 80 {
			id = string(r[:79]) + "…"
		}
		ids = append(ids, id)
	}
	s := strings.Join(ids, ", ")
	if n := len(arts) - maxInputIDs; n > 0 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}

// stagePanic is a panic raised in a stage that ran in a goroutine of its
// own, carried over to the goroutine that called Build, where it can be
// recovered (a panic left in another goroutine ends the program).
type stagePanic struct {
	value any
	stack []byte // the stage's stack where it panicked
}

func (p *stagePanic) Error() string { return fmt.Sprintf("%v\n%s", p.value, p.stack) }

// stages runs the stages of a brief side by side, as a sync.WaitGroup
// does, and re-raises in Wait the first panic of any of them.
type stages struct {
	// serial runs each stage in the caller's goroutine, in turn.
	serial bool
	wg     sync.WaitGroup
	mu     sync.Mutex
	hit    *stagePanic
}

// Go runs f in a goroutine of its own (in turn when s is serial).
func (s *stages) Go(f func()) {
	run := func() {
		defer func() {
			if v := recover(); v != nil {
				s.mu.Lock()
				if s.hit == nil {
					s.hit = &stagePanic{value: v, stack: debug.Stack()}
				}
				s.mu.Unlock()
			}
		}()
		f()
	}
	if s.serial {
		run()
		return
	}
	s.wg.Go(run)
}

// Wait waits for every stage, then panics with the first stage's panic, if
// any.
func (s *stages) Wait() {
	s.wg.Wait()
	if s.hit != nil {
		panic(s.hit)
	}
}

// MinBodyWords is the least number of words, in sentences, of an article
// with a real body: a story needs one to be briefed (a headline, a one-word
// file or a headline alone is not a story to brief; one full sentence of
// news is).
const MinBodyWords = 20

// Ready returns nil when at least one of arts has a real body (MinBodyWords
// or more words in its sentences), else an EINVALID error naming the
// articles and the longest one's length.
func Ready(arts []*parallax.Article) error {
	longest := 0
	for _, a := range arts {
		n := 0
		for _, s := range a.Sentences {
			n += len(strings.Fields(s.Text))
		}
		if n >= MinBodyWords {
			return nil
		}
		longest = max(longest, n)
	}
	return parallax.Errorf(parallax.EINVALID, storyInput(arts),
		"no article with a body to brief (the longest has %d of the %d words a brief needs)", longest, MinBodyWords)
}
