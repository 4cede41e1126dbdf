// Package fetch owns capturing what a post says now: an SSRF-safe HTTP
// client with per-host politeness, oEmbed providers (built-in endpoints and
// an oembed.com providers.json override), post-page parsing with goquery,
// status classification and WARC records of every exchange. Its Fetcher
// implements archive.Fetcher: one Capture per post, never failing; and
// archive.WARCFetcher: FetchWARC also returns that call's exchanges as a
// bounded .warc.gz, which the archive Service keeps in its blob store.
//
// Safety: every connection's resolved address is checked when dialling (a
// net.Dialer Control function over code.dny.dev/ssrf's IANA special-purpose
// ranges), so redirects and DNS answers are checked too. Loopback, private,
// link-local (169.254.169.254), CGNAT, multicast, IPv6 unique-local and
// link-local addresses and their IPv4-mapped forms are refused unless
// Options.AllowNetworks lists them.
package fetch
