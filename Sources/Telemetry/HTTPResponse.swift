/// A complete HTTP/1.1 response; every one closes the connection, so no keep-alive bookkeeping.
struct HTTPResponse: Equatable {
    var status: Int
    var contentType: String = "text/plain; charset=utf-8"
    var body: String
    var extraHeaders: [(name: String, value: String)] = []

    static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
            && lhs.extraHeaders.elementsEqual(rhs.extraHeaders) { $0 == $1 }
    }

    /// HEAD gets the same headers (including the GET body's Content-Length) and no body.
    func serialized(includeBody: Bool) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        head += "Content-Type: \(contentType)\r\n"
        head += "Content-Length: \(bodyBytes.count)\r\n"
        head += "Cache-Control: no-store\r\n"
        for header in extraHeaders {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += bodyBytes }
        return bytes
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}

/// Maps a parsed request onto the three endpoints.
struct HTTPRouter: Sendable {
    let metrics: @Sendable () -> String
    let health: @Sendable () -> (status: Int, body: String)
    let readiness: @Sendable () -> (status: Int, body: String)

    /// - Returns: the response and whether to send its body (not for HEAD).
    func respond(to outcome: HTTPRequestParser.Outcome) -> (response: HTTPResponse, includeBody: Bool) {
        switch outcome {
        case .incomplete, .invalid:
            return (HTTPResponse(status: 400, body: "bad request\n"), true)
        case .unsupportedVersion:
            return (HTTPResponse(status: 505, body: "HTTP/1.x only\n"), true)
        case .request(let method, let path):
            guard method == "GET" || method == "HEAD" else {
                return (
                    HTTPResponse(status: 405, body: "method not allowed\n", extraHeaders: [("Allow", "GET, HEAD")]),
                    true
                )
            }
            return (route(path), method == "GET")
        }
    }

    private func route(_ path: String) -> HTTPResponse {
        switch path {
        case "/metrics":
            return HTTPResponse(status: 200, contentType: MetricsRegistry.contentType, body: metrics())
        case "/healthz":
            let result = health()
            return HTTPResponse(status: Self.sanitized(result.status), body: result.body)
        case "/readyz":
            let result = readiness()
            return HTTPResponse(status: Self.sanitized(result.status), body: result.body)
        default:
            return HTTPResponse(status: 404, body: "not found\n")
        }
    }

    /// A provider returning nonsense must not produce an unparseable status line.
    private static func sanitized(_ status: Int) -> Int {
        (200...599).contains(status) ? status : 500
    }
}
