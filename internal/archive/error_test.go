package archive

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindOf(t *testing.T) {
	base := errors.New("boom")
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, Other},
		{"plain", base, Other},
		{"direct", E("store.get", NotFound, base), NotFound},
		{"wrapped by fmt", fmt.Errorf("cli: %w", E("store.get", Conflict, base)), Conflict},
		{"outer other, inner kind", E("service", Other, E("dynamo.put", Throttled, base)), Throttled},
		{"outer kind wins", E("service", Invalid, E("dynamo.put", Throttled, base)), Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.want {
				t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorMessageAndUnwrap(t *testing.T) {
	base := errors.New("no such key")
	err := E("dirblob.get", NotFound, base)
	if got, want := err.Error(), "dirblob.get: no such key"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, base) {
		t.Error("errors.Is does not reach the cause")
	}
}

func TestPlatformValid(t *testing.T) {
	for _, p := range Platforms {
		if !p.Valid() {
			t.Errorf("%s not valid", p)
		}
	}
	if Platform("myspace").Valid() {
		t.Error("myspace is valid")
	}
}
