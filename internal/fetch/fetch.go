// Package fetch makes the HTTP client of every fetch Parallax makes
// (addresses given as inputs, feeds, their items): time-outs on connecting,
// on the response headers and on the whole exchange, at most five
// redirects, a user agent naming the project, and, unless allowed, no
// connection to a loopback, private, link-local, shared (CGNAT),
// multicast, reserved or unspecified address, cloud metadata services
// included. The address is checked when the connection is made, after the
// name is resolved and on every redirect, so that neither a DNS answer nor
// a redirect leads inside the network.
//
// Every fetch of a feed or an article page goes through a Fetcher, built
// on that client: it is polite (a rate and a concurrency cap per host,
// backoff with jitter, Retry-After, robots.txt for pages, conditional
// requests) and returns bodies capped in size and converted to UTF-8.
//
//	f := fetch.NewFetcher(fetch.FetcherOptions{UserAgent: ua})
//	resp, err := f.Get(ctx, fetch.Request{URL: feed, ETag: etag, LastModified: modified})
//	if until, ok := fetch.RetryAfter(err); ok { /* poll again after until */ }
package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/parallax-news/parallax"
)

// UserAgent is what Parallax calls itself unless told otherwise.
const UserAgent = "Parallax/1 (news story engine; +https://github.com/parallax-news/parallax)"

// MaxRedirects is the number of redirects followed.
const MaxRedirects = 5

// Options configures a client.
type Options struct {
	// AllowPrivate allows connections to the addresses refused by default
	// (tests on loopback, an intranet's feeds).
	AllowPrivate bool
	// UserAgent is sent with every request; empty means UserAgent.
	UserAgent string
	// Timeout bounds a whole exchange, body included; 0 means 30 s.
	Timeout time.Duration
}

// blocked are the networks refused by default.
var blocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network", unspecified
	netip.MustParsePrefix("10.0.0.0/8"),     // private
	netip.MustParsePrefix("100.64.0.0/10"),  // shared address space (CGNAT)
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, 169.254.169.254 cloud metadata
	netip.MustParsePrefix("172.16.0.0/12"),  // private
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"), // private
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),    // multicast
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation
	netip.MustParsePrefix("fc00::/7"),       // unique local, fd00:ec2::254 cloud metadata
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("ff00::/8"),       // multicast
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("100::/64"),       // discard
	netip.MustParsePrefix("2002::/16"),      // 6to4, may embed a private IPv4
}

// Refused reports whether an address is one refused by default.
func Refused(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range blocked {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// errRefused is the cause of a refused connection.
var errRefused = errors.New("refused")

// NewClient returns the HTTP client of opts.
func NewClient(opts Options) *http.Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w %s: not an IP address", errRefused, address)
			}
			if Refused(ap.Addr()) {
				return fmt.Errorf("%w %s: a loopback, private, link-local or reserved address (pass --allow-private to allow it)", errRefused, ap.Addr())
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would connect where the check cannot see
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{
		Timeout:   opts.Timeout,
		Transport: agent{transport, opts.UserAgent},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("more than %d redirects", MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: address", req.URL.Scheme)
			}
			return nil
		},
	}
}

// agent sets the User-Agent of requests that have none.
type agent struct {
	rt http.RoundTripper
	ua string
}

// RoundTrip implements http.RoundTripper.
func (a agent) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", a.ua)
	}
	return a.rt.RoundTrip(req)
}

// Error turns a failed request into an error of kind EINVALID naming the
// address and, for a refused one, the address refused and the flag that
// allows it; a cancelled request stays context.Canceled.
func Error(url string, err error) error {
	if errors.Is(err, errRefused) {
		var msg string
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			msg = op.Err.Error()
		} else {
			msg = err.Error()
		}
		return parallax.Errorf(parallax.EINVALID, url, "not fetched: %s", msg)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return parallax.Errorf(parallax.EINVALID, url, "cannot fetch: %w", err)
}
