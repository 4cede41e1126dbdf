// Package lambdaenv reads the Lambda functions' own settings from the
// environment (fetch budget and sources, batch parallelism, recheck
// bounds) and builds what each function's main wires: the Service over the
// adapters internal/appconfig selects, and the reader of uploaded
// articles. Bad settings are errors here, so a function exits before
// lambda.Start rather than failing on its first event.
package lambdaenv
