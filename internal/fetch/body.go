package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
)

// bombRatio is the decoded/encoded size ratio above which a body decoded
// past the cap is called a decompression bomb rather than a large page.
const bombRatio = 50

// errBomb marks a decompression bomb.
var errBomb = errors.New("decompression bomb")

// decodeBody removes a gzip or deflate content-coding from wire, decoding
// at most max bytes. It reports truncation, and a bomb when the cap was hit
// at a ratio (decoded bytes over compressed bytes consumed) over bombRatio.
func decodeBody(coding string, wire []byte, max int64) (body []byte, truncated, bomb bool, err error) {
	var r io.Reader
	in := &countingReader{r: bytes.NewReader(wire)}
	switch strings.ToLower(strings.TrimSpace(coding)) {
	case "", "identity":
		return wire, false, false, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, false, false, fmt.Errorf("gzip: %w", err)
		}
		zr.Multistream(true)
		r = zr
	case "deflate":
		r = flate.NewReader(in)
	default:
		return nil, false, false, fmt.Errorf("unsupported content-encoding %q", coding)
	}
	out, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(out)) > max {
		out = out[:max]
		truncated = true
		if int64(len(out)) > bombRatio*in.n {
			return out, true, true, errBomb
		}
		return out, true, false, nil
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return out, truncated, false, fmt.Errorf("decode %s: %w", coding, err)
	}
	return out, truncated, false, nil
}

// mediaType returns the lower-cased media type of a Content-Type header.
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

func isJSONType(mt string) bool {
	switch mt {
	case "application/json", "text/json", "text/javascript", "application/javascript", "application/x-javascript":
		return true
	}
	return strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// countingReader counts the compressed bytes a decoder has consumed. It is
// an io.ByteReader, so flate reads exactly what it needs, unbuffered.
type countingReader struct {
	r *bytes.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}
