// Package rie runs a built Lambda bootstrap under the AWS Lambda runtime
// interface emulator (aws-lambda-rie) on a loopback port, the way Lambda
// runs it, and invokes it one event at a time. It owns the emulator's
// process, its quirks (errors come back as HTTP 200 with an errorMessage
// body; concurrent invokes crash it) and the init time it reports. The
// end-to-end test and `embedarchive invoke` use it.
package rie
