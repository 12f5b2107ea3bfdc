package dev.errorcontract.it.support;

/**
 * {@link RedisStoresProfile} in an application of its own, so that its test sees the first Redis connections open.
 */
public class RedisConsolidationProfile extends RedisStoresProfile {
}
