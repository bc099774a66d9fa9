/**
 * RESP, the Redis wire protocol: {@link io.elastickv.redis.resp.RespDecoder} reads requests (multibulk and
 * inline) with redis-server's limits and error texts; {@link io.elastickv.redis.resp.RespWriter} writes
 * replies in RESP2 or RESP3.
 */
package io.elastickv.redis.resp;
