package parallax

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes name the few kinds of failure Parallax reports. Each maps to one
// exit status and one HTTP status in the table below.
const (
	// EINVALID: an input is malformed (broken JSON, invalid UTF-8, empty article).
	EINVALID = "invalid"
	// ENOTFOUND: a named input or record does not exist.
	ENOTFOUND = "not_found"
	// EUSAGE: the command line or request is wrong.
	EUSAGE = "usage"
	// ETOOLARGE: an input exceeds a size limit.
	ETOOLARGE = "too_large"
	// EUNAUTHORIZED: a request that needs a key came without the right one.
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: a request that is not allowed here at all.
	EFORBIDDEN = "forbidden"
	// ECONFLICT: a record that is already there (a feed added twice).
	ECONFLICT = "conflict"
	// ETOOMANY: a client that asked too often; it may try again later.
	ETOOMANY = "too_many"
	// EMETHOD: a request with a method its address does not take.
	EMETHOD = "method_not_allowed"
	// EUNAVAILABLE: what was asked for is not ready yet (a brief being
	// written); it may be asked for again shortly.
	EUNAVAILABLE = "unavailable"
	// EINTERNAL: anything else; a bug or an I/O failure.
	EINTERNAL = "internal"
)

// codes is the one table from error codes to exit statuses and HTTP statuses.
var codes = map[string]struct{ exit, http int }{
	EINVALID:      {1, http.StatusUnprocessableEntity},
	ENOTFOUND:     {1, http.StatusNotFound},
	ETOOLARGE:     {1, http.StatusRequestEntityTooLarge},
	EUSAGE:        {2, http.StatusBadRequest},
	EUNAUTHORIZED: {1, http.StatusUnauthorized},
	EFORBIDDEN:    {1, http.StatusForbidden},
	ECONFLICT:     {1, http.StatusConflict},
	ETOOMANY:      {1, http.StatusTooManyRequests},
	EMETHOD:       {2, http.StatusMethodNotAllowed},
	EUNAVAILABLE:  {1, http.StatusServiceUnavailable},
	EINTERNAL:     {1, http.StatusInternalServerError},
}

// Error is a failure with a code, the input it concerns and a message for
// the user. It wraps the underlying error, if any; the message already holds
// that error's text.
type Error struct {
	Code    string
	Input   string
	Message string
	Err     error
}

// Error returns "input: message", or the message alone when no input is named.
func (e *Error) Error() string {
	if e.Input == "" {
		return e.Message
	}
	return e.Input + ": " + e.Message
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and input and a message
// formatted as by fmt.Errorf; a %w verb in format wraps its argument.
func Errorf(code, input, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Input: input, Message: err.Error(), Err: errors.Unwrap(err)}
}

// ErrorCode returns the code of the first *Error in err's chain, or EINTERNAL
// for any other non-nil error, or "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ExitStatus returns the process exit status for err: 0 for nil.
func ExitStatus(err error) int {
	if err == nil {
		return 0
	}
	return codes[ErrorCode(err)].exit
}

// HTTPStatus returns the HTTP status for err: 200 for nil.
func HTTPStatus(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return codes[ErrorCode(err)].http
}
