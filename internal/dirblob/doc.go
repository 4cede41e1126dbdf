// Package dirblob is archive.Blobs in a plain folder: each body is one file
// named by its sha256, written atomically, never rewritten.
package dirblob
