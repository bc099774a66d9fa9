package io.elastickv.redis.keyspace;

/** The Redis value types, with the code stored in a key's metadata record and the name TYPE reports. */
public enum RedisType {
    STRING(0, "string"),
    LIST(1, "list"),
    SET(2, "set"),
    ZSET(3, "zset"),
    HASH(4, "hash"),
    STREAM(6, "stream");

    private final byte code;
    private final String typeName;

    RedisType(final int code, final String typeName) {
        this.code = (byte) code;
        this.typeName = typeName;
    }

    public byte code() {
        return code;
    }

    /** The name TYPE and SCAN ... TYPE use. */
    public String typeName() {
        return typeName;
    }

    static RedisType ofCode(final byte code) {
        for (final RedisType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalStateException("corrupt metadata record: type code=" + code);
    }
}
