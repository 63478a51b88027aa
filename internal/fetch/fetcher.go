package fetch

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/parallax-news/parallax"
	"golang.org/x/time/rate"
)

// FetcherOptions configures a Fetcher. The zero value of each field means
// its default.
type FetcherOptions struct {
	// AllowPrivate allows the addresses refused by default (see NewClient).
	AllowPrivate bool
	// UserAgent is sent with every request; empty means UserAgent. Its
	// product token (the text before the first "/" or space, "Parallax")
	// is the name matched against robots.txt groups.
	UserAgent string
	// Timeout bounds one try of one exchange, from dialling to the last
	// byte of the body; 0 means 30 s. A server trickling its body is cut
	// off by it.
	Timeout time.Duration
	// PerHost is the number of requests per second sent to one host
	// (host and port); 0 means 1.
	PerHost float64
	// Burst is the number of requests a host may get at once after it was
	// left alone for a while; 0 means 1.
	Burst int
	// HostConcurrency caps the requests in flight to one host; 0 means 2.
	HostConcurrency int
	// Concurrency caps the requests in flight in all; 0 means 16.
	Concurrency int
	// MaxBytes caps the body of a response, decompressed; 0 means 16 MiB.
	MaxBytes int64
	// Retries is the number of times a request is tried again after a 408,
	// 429, 500, 502, 503 or 504 answer or a network failure; 0 means 3,
	// a negative number none.
	Retries int
	// BackoffBase is the wait before the first retry, doubled for each
	// further one, of which a random part is waited (full jitter); 0 means
	// 1 s.
	BackoffBase time.Duration
	// MaxBackoff caps the wait between two tries; 0 means 30 s.
	MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After waited; a server asking
	// for longer is not tried again (see RetryAfter). 0 means 2 minutes.
	MaxRetryAfter time.Duration
	// RobotsTTL is how long a host's robots.txt is kept; 0 means 1 hour.
	RobotsTTL time.Duration
}

// withDefaults returns o with its zero fields set to their defaults.
func (o FetcherOptions) withDefaults() FetcherOptions {
	set := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&o.Timeout, 30*time.Second)
	set(&o.BackoffBase, time.Second)
	set(&o.MaxBackoff, 30*time.Second)
	set(&o.MaxRetryAfter, 2*time.Minute)
	set(&o.RobotsTTL, time.Hour)
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.PerHost <= 0 {
		o.PerHost = 1
	}
	o.Burst = max(o.Burst, 1)
	if o.HostConcurrency <= 0 {
		o.HostConcurrency = 2
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 16
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 16 << 20
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	o.Retries = max(o.Retries, 0)
	return o
}

// A Fetcher makes the requests of Parallax politely: each host gets at
// most FetcherOptions.PerHost requests a second and HostConcurrency at a
// time, failures that may pass are tried again with backoff, a server's
// Retry-After is honoured (by every request to that host), robots.txt is
// honoured where a Request asks for it, and every body is capped and
// converted to UTF-8. Addresses inside the network are refused as by
// NewClient, on every redirect hop. A Fetcher is safe for concurrent use;
// the state it keeps per host is bounded.
type Fetcher struct {
	opts   FetcherOptions
	client *http.Client
	global chan struct{} // a slot per request in flight
	hosts  *hostTable
	robots *robotsCache
	agent  string // the product token matched in robots.txt
}

// NewFetcher returns a Fetcher configured by opts.
func NewFetcher(opts FetcherOptions) *Fetcher {
	opts = opts.withDefaults()
	client := NewClient(Options{AllowPrivate: opts.AllowPrivate, UserAgent: opts.UserAgent, Timeout: opts.Timeout})
	// Redirects are followed by Get, so that each hop is paced, capped
	// and checked against robots.txt like the first.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Fetcher{
		opts:   opts,
		client: client,
		global: make(chan struct{}, opts.Concurrency),
		hosts:  newHostTable(rate.Limit(opts.PerHost), opts.Burst, opts.HostConcurrency),
		robots: newRobotsCache(),
		agent:  productToken(opts.UserAgent),
	}
}

// Request is what to fetch.
type Request struct {
	// URL is the http or https address to fetch; errors name it.
	URL string
	// ETag and LastModified come from an earlier Response for this URL
	// and are sent as If-None-Match and If-Modified-Since: an unchanged
	// resource answers Response.NotModified.
	ETag, LastModified string
	// Accept is sent as the Accept header when not empty.
	Accept string
	// Robots makes the request, and each redirect hop, obey the host's
	// robots.txt (for article pages; feeds are asked for by the user).
	Robots bool
}

// Response is a successful answer.
type Response struct {
	// URL is the address that answered, after redirects.
	URL string
	// Status is the HTTP status: 2xx, or 304 with NotModified.
	Status int
	// NotModified reports a 304 answer to a conditional request; Body is
	// then empty.
	NotModified bool
	// ETag and LastModified are the validators to send next time; on a
	// 304 that omits them, those of the Request.
	ETag, LastModified string
	// ContentType is the Content-Type header as the server sent it.
	ContentType string
	// Charset is the charset Body was converted from ("utf-8" when it was
	// already UTF-8), or empty for a body that is not text (an image, a
	// PDF), which is left as it came.
	Charset string
	// Body is the body, decompressed; text is UTF-8 with no byte order
	// mark and no invalid sequence, and an XML declaration in it names
	// UTF-8. Do not decode it again from ContentType or an HTML meta tag.
	Body []byte
}

// Get fetches req.URL, following at most MaxRedirects redirects. It fails
// with EINVALID for an address that is not http or https, a refused
// address (naming it and --allow-private), a network failure or a status
// other than 2xx or 304 once the retries are spent ("answered 503 Service
// Unavailable after 4 tries"), or too many redirects; with ENOTFOUND for
// 404 or 410; with ETOOLARGE for a body over MaxBytes; with EFORBIDDEN for
// a page robots.txt disallows. When the server asked to wait longer than
// MaxRetryAfter, RetryAfter(err) gives the time it named. A cancelled ctx
// returns context.Canceled at once, even in a backoff wait.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	rep, tries, err := f.follow(ctx, req, func(u *url.URL) (*reply, int, error) {
		if req.Robots {
			if err := f.allowed(ctx, req, u); err != nil {
				return nil, 0, err
			}
		}
		return f.try(ctx, req, u)
	})
	if err != nil {
		return nil, f.failure(ctx, req.URL, err, 1)
	}
	return f.response(req, rep, tries)
}

// reply is the answer to one exchange.
type reply struct {
	url    *url.URL
	status int
	header http.Header
	body   []byte // only for a 2xx answer
	over   bool   // the body went past the cap and was cut there
	// retryAfter is the time named by the Retry-After of an answer that
	// is not 2xx, or zero.
	retryAfter time.Time
}

// follow calls fetch for req.URL and then for each redirect target, and
// returns the first answer that is not a redirect with the number of
// tries it took.
func (f *Fetcher) follow(ctx context.Context, req Request, fetch func(*url.URL) (*reply, int, error)) (*reply, int, error) {
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, 0, parallax.Errorf(parallax.EINVALID, req.URL, "not an http or https address")
	}
	for hops := 0; ; hops++ {
		rep, tries, err := fetch(u)
		if err != nil {
			return nil, 0, err
		}
		next := redirect(rep)
		if next == nil {
			return rep, tries, nil
		}
		if hops == MaxRedirects {
			return nil, 0, parallax.Errorf(parallax.EINVALID, req.URL, "not fetched: more than %d redirects", MaxRedirects)
		}
		if next.Scheme != "http" && next.Scheme != "https" {
			return nil, 0, parallax.Errorf(parallax.EINVALID, req.URL, "not fetched: redirect to a %s: address", next.Scheme)
		}
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		u = next
	}
}

// redirect returns the target of a redirect, or nil for another answer.
func redirect(rep *reply) *url.URL {
	switch rep.status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil
	}
	loc := rep.header.Get("Location")
	if loc == "" {
		return nil
	}
	next, err := rep.url.Parse(loc)
	if err != nil {
		return nil
	}
	return next
}

// try makes the exchange for u, trying again after a failure that may
// pass, and returns the last answer with the number of tries made.
func (f *Fetcher) try(ctx context.Context, req Request, u *url.URL) (*reply, int, error) {
	for attempt := 0; ; attempt++ {
		rep, err := f.exchange(ctx, req, u, f.opts.MaxBytes)
		if err != nil && !transient(ctx, err) {
			return nil, 0, f.failure(ctx, req.URL, err, attempt+1)
		}
		if err == nil && !retryable(rep.status) {
			return rep, attempt + 1, nil
		}
		wait := f.backoff(attempt)
		if err == nil && !rep.retryAfter.IsZero() {
			f.hosts.pause(hostKey(u), rep.retryAfter)
			if wait = time.Until(rep.retryAfter); wait > f.opts.MaxRetryAfter {
				return rep, attempt + 1, nil
			}
		}
		if attempt == f.opts.Retries {
			if err != nil {
				return nil, 0, f.failure(ctx, req.URL, err, attempt+1)
			}
			return rep, attempt + 1, nil
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, 0, err
		}
	}
}

// exchange makes one request for u and reads at most limit bytes of a 2xx
// body. Its error is a *parallax.Error for a failure that is final, the
// error of the client or the body otherwise.
func (f *Fetcher) exchange(ctx context.Context, req Request, u *url.URL, limit int64) (*reply, error) {
	release, err := f.acquire(ctx, req, u)
	if err != nil {
		return nil, err
	}
	defer release()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, req.URL, "bad address %s: %w", u, err)
	}
	setHeader(hr.Header, "Accept", req.Accept)
	setHeader(hr.Header, "If-None-Match", req.ETag)
	setHeader(hr.Header, "If-Modified-Since", req.LastModified)
	resp, err := f.client.Do(hr)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	rep := &reply{url: u, status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode/100 != 2 {
		rep.retryAfter, _ = retryAfter(resp.Header, time.Now())
		// Read a little of the rest so that the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return rep, nil
	}
	rep.body, rep.over, err = readBody(resp, limit)
	return rep, err
}

// setHeader sets a header when its value is not empty.
func setHeader(h http.Header, key, value string) {
	if value != "" {
		h.Set(key, value)
	}
}

// readBody reads at most limit bytes of the body of resp, and reports
// whether there was more; a body declared longer is not read at all.
func readBody(resp *http.Response, limit int64) ([]byte, bool, error) {
	if resp.ContentLength > limit {
		return nil, true, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) > limit {
		return body[:limit], true, nil
	}
	return body, false, nil
}

// response turns the final answer to req, after tries tries, into a
// Response or the error its status means.
func (f *Fetcher) response(req Request, rep *reply, tries int) (*Response, error) {
	if rep.status != http.StatusNotModified && rep.status/100 != 2 {
		return nil, statusError(req.URL, rep, tries)
	}
	if rep.over {
		return nil, parallax.Errorf(parallax.ETOOLARGE, req.URL, "not fetched: the response is over the limit of %s", size(f.opts.MaxBytes))
	}
	resp := &Response{
		URL:          rep.url.String(),
		Status:       rep.status,
		NotModified:  rep.status == http.StatusNotModified,
		ETag:         rep.header.Get("ETag"),
		LastModified: rep.header.Get("Last-Modified"),
		ContentType:  rep.header.Get("Content-Type"),
	}
	if resp.NotModified {
		resp.ETag = cmp.Or(resp.ETag, req.ETag)
		resp.LastModified = cmp.Or(resp.LastModified, req.LastModified)
		return resp, nil
	}
	resp.Body, resp.Charset = decode(rep.body, resp.ContentType)
	return resp, nil
}

// statusError is the error of an answer with a failing status: ENOTFOUND
// for 404 and 410, EINVALID otherwise, carrying the Retry-After the server
// sent, if any.
func statusError(input string, rep *reply, tries int) error {
	code := parallax.EINVALID
	if rep.status == http.StatusNotFound || rep.status == http.StatusGone {
		code = parallax.ENOTFOUND
	}
	msg := fmt.Sprintf("answered %d %s", rep.status, http.StatusText(rep.status))
	if rep.url.String() != input {
		msg += " at " + rep.url.String()
	}
	if tries > 1 {
		msg += fmt.Sprintf(" after %d tries", tries)
	}
	if !rep.retryAfter.IsZero() {
		return parallax.Errorf(code, input, "%s; %w", msg, &waitError{rep.retryAfter})
	}
	return parallax.Errorf(code, input, "%s", msg)
}

// size formats a number of bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
