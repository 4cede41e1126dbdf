// Package metrics counts what the functions do and writes the counts as
// CloudWatch Embedded Metric Format (EMF) documents: JSON lines on the
// function's output that CloudWatch Logs turns into metrics, with no API
// call. It owns the metric names and dimensions.
package metrics
