// Package bolt is the embedded archive.Store, kept in one go.etcd.io/bbolt
// file: the CLI's default store. It answers the same queries as the
// DynamoDB store, by scanning, which suits one machine's archive.
package bolt
