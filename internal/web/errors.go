package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// paramError is a bad request parameter. Its message is written for the
// client and is safe to show: it names the parameter, never server state.
type paramError struct {
	Param string
	Msg   string
}

func (e *paramError) Error() string { return e.Param + ": " + e.Msg }

func badParam(param, format string) *paramError {
	return &paramError{Param: param, Msg: format}
}

// problem is what a client is told about a failed request.
type problem struct {
	Status     int
	Message    string
	RetryAfter string
}

// classify maps an error to what the client may see. Parameter errors
// carry their own message; domain errors get a generic one by kind, and
// their text never leaves the server.
func classify(err error) problem {
	var pe *paramError
	if errors.As(err, &pe) {
		return problem{Status: http.StatusBadRequest, Message: pe.Error()}
	}
	kind := archive.KindOf(err)
	if kind == archive.Other && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)) {
		kind = archive.Unavailable
	}
	switch kind {
	case archive.NotFound:
		return problem{Status: http.StatusNotFound, Message: "not found"}
	case archive.Invalid:
		return problem{Status: http.StatusBadRequest, Message: "the archive did not accept the query; check the post URL, author or cursor"}
	case archive.TooLarge:
		return problem{Status: http.StatusRequestEntityTooLarge, Message: "the answer is too large; narrow the query or lower the limit"}
	case archive.Throttled:
		return problem{Status: http.StatusServiceUnavailable, Message: "the archive is busy; retry shortly", RetryAfter: "2"}
	case archive.Unavailable:
		return problem{Status: http.StatusServiceUnavailable, Message: "the archive is unavailable; retry shortly", RetryAfter: "5"}
	}
	return problem{Status: http.StatusInternalServerError, Message: "internal error"}
}
