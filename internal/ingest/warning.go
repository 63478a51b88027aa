package ingest

import (
	"errors"
	"fmt"
)

// Warning is a problem with an input that does not stop it from being read:
// a field left out (an unreadable publication date), the article itself
// kept. Stream and Read report warnings through Options.Warn, never in the
// error they return, so a warning does not make a run fail. Tell one from
// a failure with IsWarning.
type Warning struct {
	// Input names the input as errors do ("articles.jsonl:6").
	Input string
	// Message says what was left out and why.
	Message string
}

// Error returns "input: message", or the message alone when no input is
// named.
func (w Warning) Error() string {
	if w.Input == "" {
		return w.Message
	}
	return w.Input + ": " + w.Message
}

// IsWarning reports whether err is, or wraps, a Warning or a *Warning.
func IsWarning(err error) bool {
	var p *Warning
	var v Warning
	return errors.As(err, &p) || errors.As(err, &v)
}

// warnf reports a warning about input through warn, unless warn is nil.
func warnf(warn func(error), input, format string, args ...any) {
	if warn != nil {
		warn(&Warning{Input: input, Message: fmt.Sprintf(format, args...)})
	}
}
