package dev.errorcontract.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.Flood;
import dev.errorcontract.it.support.PackagedDemo;
import dev.errorcontract.it.support.RedisClusterProfile;
import dev.errorcontract.it.support.RedisTestCluster;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Two instances of the packaged demo on one 3-master Redis Cluster: 3,000 searches of one caller, 48 at a time, split
 * over both let exactly 5 through, and every 429 carries its headers. The Redis pool is larger than the requests in
 * flight: vertx-redis-client 4.5.25's cluster client can deadlock a smaller one (see RedisClusterProfile).
 */
@QuarkusIntegrationTest
@TestProfile(RedisClusterProfile.class)
public class TwoInstancesRedisClusterIT {

    static PackagedDemo second;

    @BeforeAll
    static void startSecondInstance() {
        second = PackagedDemo.start(Map.of(
                "quarkus.profile", "test",
                "quarkus.redis.hosts", RedisTestCluster.current().hosts(),
                "quarkus.redis.client-type", "cluster",
                "quarkus.redis.max-pool-size", "128",
                "quarkus.error-contract.rate-limit.store", "redis",
                "quarkus.error-contract.rate-limit.redis.timeout", "2s",
                "quarkus.error-contract.idempotency.store", "redis"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    static String base(int i) {
        return i % 2 == 0 ? "http://localhost:" + RestAssured.port : second.baseUri();
    }

    @Test
    void limitIsExactAcrossInstances() throws Exception {
        for (int i = 0; i < 2; i++) { // the slot map loaded before the concurrent requests (see RedisClusterProfile)
            String uri = base(i) + "/demo/fake-upstream/missing";
            Flood.send(1, 1, ignored -> Flood.get(uri));
        }
        List<Flood.Answer> answers = Flood.send(3000, 48,
                i -> Flood.get(base(i) + "/search?q=cluster", "X-API-KEY", "demo-key-read"));
        assertEquals(5, answers.stream().filter(answer -> answer.status() == 200).count());
        for (Flood.Answer answer : answers) {
            if (answer.status() != 200) {
                assertEquals(429, answer.status());
                assertEquals(answer.header("Retry-After"), answer.header("RateLimit-Reset"));
            }
        }
        assertFalse(second.log().contains("ERROR"), second.log());
    }
}
