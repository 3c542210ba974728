import Testing

/// Every Net suite nests here and runs serialized: the descriptor and thread checks count what this
/// process has open, which parallel socket tests would disturb.
@Suite(.serialized) struct NetTests {}
