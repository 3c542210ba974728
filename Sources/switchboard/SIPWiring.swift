import Agents
import Logging
import Net
import Telephony

/// Builds the SIP service for a config with a `sip:` section: the user agent on one loop, TLS from the
/// server's certificate when `sip.listen.tls` is set, and RTP call media (G.711, Opus) on the RTP port range.
enum SIPWiring {
    static func service(for deployment: Deployment, context: MediaEndpointContext, loops: EventLoopGroup,
                        logger: Logger) throws -> SIPService? {
        guard var sip = deployment.server.sip else { return nil }
        var tlsContext: TLSServerContext?
        if sip.listen.tls != nil, let tls = deployment.server.tls {
            tlsContext = try TLSServerContext(configuration: .init(certificateChainFile: tls.certificatePath,
                                                                   privateKeyFile: tls.privateKeyPath))
        }
        let listenHost = (sip.listen.udp ?? sip.listen.tcp ?? sip.listen.tls)?.host ?? "0.0.0.0"
        let mediaHost = SocketAddress(host: listenHost, port: 0) != nil ? listenHost : "0.0.0.0"
        // Answer only with codecs the RTP media carries (all configured ones: PCMU, PCMA, Opus); the
        // configured order decides the answer.
        let carried = sip.codecs.filter(RTPCallMediaFactory.carries)
        if carried.count < sip.codecs.count {
            logger.info("sip: codecs \(sip.codecs.filter { !carried.contains($0) }.map(\.rawValue)) are not carried over RTP; answering with \(carried.map(\.rawValue))")
        }
        sip.codecs = carried.isEmpty ? [.pcmu, .pcma] : carried
        let settings = SIPUserAgentSettings(
            config: sip, media: RTPCallMediaFactory(host: mediaHost, ports: sip.rtpPorts), tlsContext: tlsContext,
            events: { event in
                // Intake drops are counted, never logged one by one (a flood would flood the log).
                if SIPIntakeMetrics.record(event) { return }
                // Keys pressed may be PINs or card numbers: logged at debug level only.
                if case .digit = event { logger.debug("sip call event: \(event)") } else { logger.info("sip call event: \(event)") }
                SIPRegistrationMetrics.record(event)
            })
        return SIPService(settings: settings, context: context, loop: loops.next())
    }
}
