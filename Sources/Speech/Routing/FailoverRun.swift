/// Drives one routed request to its end: starts the first provider whose breaker lets it through, hedges
/// with the next when the first output is late, fails over on any failure (before or after the first
/// output), and forwards the committed stream's events, ending with `done` or, when every provider has
/// failed, `failed` with the last error. Runs in one task; provider streams are read by one task each and
/// reported through a local signal stream, so all state below is owned by the driving task.
struct FailoverRun<Strategy: FailoverStrategy> {
    enum Signal: Sendable {
        case event(lane: Int, Strategy.Event)
        /// The provider stream ended with no terminal event.
        case ended(lane: Int)
        case hedgeDue(lane: Int)
        case deadline(lane: Int)
    }

    struct Lane {
        let provider: Int
        let reader: Task<Void, Never>
        let timer: Task<Void, Never>?
        var cursor: Int
        var producedOutput = false

        func stop() {
            reader.cancel()
            timer?.cancel()
        }
    }

    let providers: [RoutedProvider<Strategy.Provider>]
    let budget: RouterBudgets.Layer
    let clock: RoutingClock
    let observer: any ProviderRoutingObserver
    let original: Strategy.Request
    let output: AsyncStream<Strategy.Event>.Continuation

    var strategy: Strategy
    private var signals: AsyncStream<Signal>
    private var post: AsyncStream<Signal>.Continuation
    private var lanes: [Int: Lane] = [:]
    private var nextLane = 0
    private var cursor = 0
    private var committed: Int?
    /// The primary and hedge lane of a race not yet decided.
    private var hedge: (primary: Int, hedge: Int)?
    /// The earliest failure not yet followed by a fallback's output.
    private var pendingFailure: RoutingClock.Instant?
    private var finished = false

    init(providers: [RoutedProvider<Strategy.Provider>], budget: RouterBudgets.Layer, clock: RoutingClock,
         observer: any ProviderRoutingObserver, request: Strategy.Request, strategy: Strategy,
         output: AsyncStream<Strategy.Event>.Continuation) {
        self.providers = providers
        self.budget = budget
        self.clock = clock
        self.observer = observer
        self.original = request
        self.strategy = strategy
        self.output = output
        (signals, post) = AsyncStream.makeStream(of: Signal.self)
    }

    private var layer: RoutingLayer { Strategy.layer }

    mutating func run() async {
        defer { stopAll() }
        guard startNextLane() != nil else {
            return finish(Strategy.failure(.overloaded))
        }
        for await signal in signals {
            handle(signal)
            if finished { return }
        }
        // Cancelled by the consumer: `stopAll` aborts every provider request.
    }

    private mutating func handle(_ signal: Signal) {
        switch signal {
        case .event(let id, let event):
            guard lanes[id] != nil else { return }
            switch Strategy.classify(event) {
            case .output: outputArrived(event, lane: id)
            case .other: if committed == id { forward(event, lane: id) }
            case .done: doneArrived(event, lane: id)
            case .failed(let error): laneFailed(id, error)
            }
        case .ended(let id):
            if lanes[id] != nil { laneFailed(id, .connectionLost) }
        case .hedgeDue(let id):
            hedgeDue(lane: id)
        case .deadline(let id):
            guard let lane = lanes[id], !lane.producedOutput else { return }
            lane.stop()
            laneFailed(id, .timeout(.firstResponse))
        }
    }

    private mutating func outputArrived(_ event: Strategy.Event, lane id: Int) {
        if committed == nil { commit(id) }
        guard committed == id else { return }
        if !lanes[id]!.producedOutput {
            lanes[id]!.producedOutput = true
            lanes[id]!.timer?.cancel()
        }
        forward(event, lane: id)
    }

    private mutating func forward(_ event: Strategy.Event, lane id: Int) {
        guard let forwarded = strategy.forward(event, cursor: &lanes[id]!.cursor) else { return }
        if let failedAt = pendingFailure {
            pendingFailure = nil
            observer.fallbackResponded(layer, provider: providers[lanes[id]!.provider].name,
                                       afterFailure: failedAt.duration(to: clock.now))
        }
        output.yield(forwarded)
    }

    private mutating func doneArrived(_ event: Strategy.Event, lane id: Int) {
        if committed == nil { commit(id) }
        guard committed == id, let lane = lanes.removeValue(forKey: id) else { return }
        lane.timer?.cancel()
        report(providers[lane.provider].breaker.record(nil), provider: lane.provider)
        finish(event)
    }

    /// `id` yielded first: the other lanes (a hedge race) are cancelled, their requests aborted.
    private mutating func commit(_ id: Int) {
        committed = id
        for (other, lane) in lanes where other != id {
            lanes[other] = nil
            lane.stop()
            providers[lane.provider].breaker.release()
        }
        if let race = hedge {
            hedge = nil
            let loser = race.primary == id ? race.hedge : race.primary
            if let winnerLane = lanes[id], let loserProvider = laneProviders[loser] {
                observer.hedgeSettled(layer, winner: providers[winnerLane.provider].name,
                                      loser: providers[loserProvider].name, hedgeWon: id == race.hedge)
            }
        }
    }

    /// Provider index of every lane ever started (lanes are forgotten when they end; names are not).
    private var laneProviders: [Int: Int] = [:]

    private mutating func laneFailed(_ id: Int, _ error: ProviderError) {
        guard let lane = lanes.removeValue(forKey: id) else { return }
        lane.timer?.cancel()
        report(providers[lane.provider].breaker.record(error), provider: lane.provider)
        if pendingFailure == nil { pendingFailure = clock.now }
        let midStream = strategy.hasDelivered
        if committed == id { committed = nil }
        if let survivor = lanes.first, committed == nil {
            // A hedge race lost one runner; the other carries on alone.
            hedge = nil
            observer.failedOver(layer, from: providers[lane.provider].name,
                                to: providers[survivor.value.provider].name, error: error, midStream: midStream)
            return
        }
        let next = startNextLane()
        observer.failedOver(layer, from: providers[lane.provider].name, to: next.map { providers[$0].name },
                            error: error, midStream: midStream)
        if next == nil { finish(Strategy.failure(error)) }
    }

    private mutating func hedgeDue(lane id: Int) {
        guard committed == nil, hedge == nil, lanes.count == 1, let primary = lanes[id], !primary.producedOutput
        else { return }
        let primaryLane = id
        guard let started = startNextLane() else { return }
        hedge = (primaryLane, nextLane - 1)
        observer.hedgeStarted(layer, primary: providers[primary.provider].name, hedge: providers[started].name)
    }

    /// Starts the next provider (in order) whose breaker lets a request through; returns its index.
    private mutating func startNextLane() -> Int? {
        while cursor < providers.count {
            let index = cursor
            cursor += 1
            let routed = providers[index]
            let (allowed, change) = routed.breaker.acquire()
            report(change, provider: index)
            guard allowed else {
                observer.skipped(layer, provider: routed.name)
                continue
            }
            startLane(on: index)
            return index
        }
        return nil
    }

    private mutating func startLane(on index: Int) {
        let id = nextLane
        nextLane += 1
        let post = self.post
        let startedAt = clock.now
        let stream = Strategy.start(providers[index].provider, strategy.request(continuing: original))
        let reader = Task {
            for await event in stream { post.yield(.event(lane: id, event)) }
            post.yield(.ended(lane: id))
        }
        lanes[id] = Lane(provider: index, reader: reader, timer: armTimer(for: id, startedAt: startedAt),
                         cursor: strategy.laneStart())
        laneProviders[id] = index
    }

    /// One task per lane sleeping until its hedge instant, then its first-output deadline.
    private func armTimer(for id: Int, startedAt: RoutingClock.Instant) -> Task<Void, Never>? {
        let hedgeAt = budget.hedgeAfter.map { startedAt.advanced(by: $0) }
        let deadline = budget.firstOutputTimeout.map { startedAt.advanced(by: $0) }
        guard hedgeAt != nil || deadline != nil else { return nil }
        let clock = self.clock
        let post = self.post
        return Task {
            if let hedgeAt, deadline.map({ hedgeAt < $0 }) ?? true {
                do { try await clock.sleep(until: hedgeAt) } catch { return }
                post.yield(.hedgeDue(lane: id))
            }
            if let deadline {
                do { try await clock.sleep(until: deadline) } catch { return }
                post.yield(.deadline(lane: id))
            }
        }
    }

    private func report(_ change: BreakerPosition?, provider index: Int) {
        if let change { observer.breaker(layer, provider: providers[index].name, changedTo: change) }
    }

    private mutating func finish(_ event: Strategy.Event) {
        finished = true
        output.yield(event)
        output.finish()
    }

    /// Aborts every provider request still running (finished, or the consumer went away).
    private mutating func stopAll() {
        for lane in lanes.values {
            lane.stop()
            providers[lane.provider].breaker.release()
        }
        lanes.removeAll()
        post.finish()
    }
}
