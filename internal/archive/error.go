package archive

import (
	"errors"
	"fmt"
)

// Kind classifies an error in domain words. Adapters turn their backends'
// signals into kinds; only the edges (CLI, HTTP, Lambda) map kinds to exit
// codes, statuses or retries.
type Kind int

const (
	// Other is an unclassified error.
	Other Kind = iota
	// NotFound: the thing asked for does not exist.
	NotFound
	// Invalid: the input is malformed or not what was expected.
	Invalid
	// TooLarge: the input is over a size cap.
	TooLarge
	// Conflict: a conditional write lost to a concurrent one.
	Conflict
	// Throttled: a backend asked us to slow down; retry later.
	Throttled
	// Unavailable: a backend could not be reached or timed out; retry later.
	Unavailable
)

func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid"
	case TooLarge:
		return "too large"
	case Conflict:
		return "conflict"
	case Throttled:
		return "throttled"
	case Unavailable:
		return "unavailable"
	}
	return "error"
}

// Error is a domain error: the operation that failed, its kind and the
// underlying cause.
type Error struct {
	Op   string
	Kind Kind
	Err  error
}

// E builds an *Error.
func E(op string, kind Kind, err error) *Error { return &Error{Op: op, Kind: kind, Err: err} }

// Errorf builds an *Error with a formatted cause.
func Errorf(op string, kind Kind, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Op + ": " + e.Kind.String()
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of the outermost *Error in err's chain that has
// one, or Other.
func KindOf(err error) Kind {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return Other
		}
		if e.Kind != Other {
			return e.Kind
		}
		err = e.Err
	}
	return Other
}
