package dev.errorcontract.it.support;

/** {@link RedisStoresProfile} with a Redis server of its own, so that its callers start with full buckets. */
public class RedisRefusalsProfile extends RedisStoresProfile {
}
