import Hummingbird
import HTTPTypes

/// Small responses every route uses.
enum AppResponses {
    /// A one-line plain-text answer (refusals before any page is rendered).
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// 303 See Other: after a POST, the browser GETs the result page
    /// (reloading it then posts nothing again).
    static func seeOther(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}
