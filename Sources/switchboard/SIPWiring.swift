import Agents
import Logging
import Net
import Telephony

/// Builds the SIP service for a config with a `sip:` section: the user agent on one loop, TLS from the
/// server's certificate when `sip.listen.tls` is set, and placeholder call media on the RTP port range
/// (real ports, no audio) until the RTP stream is bridged to `SIPCallMedia`.
enum SIPWiring {
    static func service(for deployment: Deployment, context: MediaEndpointContext, loops: EventLoopGroup,
                        logger: Logger) throws -> SIPService? {
        guard let sip = deployment.server.sip else { return nil }
        var tlsContext: TLSServerContext?
        if sip.listen.tls != nil, let tls = deployment.server.tls {
            tlsContext = try TLSServerContext(configuration: .init(certificateChainFile: tls.certificatePath,
                                                                   privateKeyFile: tls.privateKeyPath))
        }
        let listenHost = (sip.listen.udp ?? sip.listen.tcp ?? sip.listen.tls)?.host ?? "0.0.0.0"
        let mediaHost = SocketAddress(host: listenHost, port: 0) != nil ? listenHost : "0.0.0.0"
        let settings = SIPUserAgentSettings(
            config: sip, media: PlaceholderCallMediaFactory(host: mediaHost, ports: sip.rtpPorts), tlsContext: tlsContext,
            events: { event in
                logger.debug("sip call event: \(event)")
                SIPRegistrationMetrics.record(event)
            })
        return SIPService(settings: settings, context: context, loop: loops.next())
    }
}
