// Package dynamo is archive.Store on one DynamoDB table (aws-sdk-go-v2),
// laid out as template.yaml's ArchiveTable describes:
//
//	A#<article id>  META            the article; ListPK/ListSK index it by time
//	A#<article id>  E#<seq>         an embed edge
//	A#<article id>  Q#<seq>         a quote; SpeakerPK/SpeakerSK index it
//	P#<post key>    META            the post; author, platform-month, status
//	                                 and recheck indexes
//	P#<post key>    S#<snapshot id> a snapshot, keyed by content
//	P#<post key>    R#<article id>  a back-link to an article showing the post
//
// Each item keeps its record as JSON in "doc". Writes are idempotent:
// snapshots are conditional puts keyed by content, META items carry a
// revision that conditional puts check, and unchanged items are not
// rewritten. Raw bodies never enter the table (archive.Blobs keeps them).
package dynamo
