package dev.remit.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Companies, locations, users and tokens in the database. */
@Repository
public class TenancyRepository {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    public TenancyRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Company createCompany(String name) {
        Company company = new Company(Ids.newId(), name, now());
        jdbc.sql("insert into company (id, name, created_at) values (?, ?, ?)")
                .params(company.id(), company.name(), timestamp(company.createdAt())).update();
        return company;
    }

    public Location createLocation(String companyId, String name, String country, String timeZone) {
        Location location = new Location(Ids.newId(), companyId, name, country, timeZone, now());
        jdbc.sql("insert into location (id, company_id, name, country, time_zone, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(location.id(), companyId, name, country, timeZone, timestamp(location.createdAt())).update();
        return location;
    }

    @Transactional
    public User createUser(String companyId, String name, String email, List<String> locationIds) {
        User user = new User(Ids.newId(), companyId, name, email, List.copyOf(locationIds), now());
        jdbc.sql("insert into app_user (id, company_id, name, email, created_at) values (?, ?, ?, ?, ?)")
                .params(user.id(), companyId, name, email, timestamp(user.createdAt())).update();
        for (String locationId : locationIds) {
            grantLocation(user.id(), locationId);
        }
        return user;
    }

    public void grantLocation(String userId, String locationId) {
        jdbc.sql("insert into user_location (user_id, location_id) values (?, ?)").params(userId, locationId).update();
    }

    public Optional<Company> findCompany(String id) {
        return jdbc.sql("select id, name, created_at from company where id = ?").param(id)
                .query((rs, n) -> new Company(rs.getString("id"), rs.getString("name"), instant(rs, "created_at")))
                .optional();
    }

    public List<Company> companies() {
        return jdbc.sql("select id, name, created_at from company order by id")
                .query((rs, n) -> new Company(rs.getString("id"), rs.getString("name"), instant(rs, "created_at")))
                .list();
    }

    public Optional<Location> findLocation(String id) {
        return jdbc.sql("select * from location where id = ?").param(id).query(TenancyRepository::location).optional();
    }

    public List<Location> locations(String companyId) {
        return jdbc.sql("select * from location where company_id = ? order by id").param(companyId)
                .query(TenancyRepository::location).list();
    }

    public Optional<User> findUser(String id) {
        return jdbc.sql("select * from app_user where id = ?").param(id).query((rs, n) -> new User(
                rs.getString("id"), rs.getString("company_id"), rs.getString("name"), rs.getString("email"),
                userLocations(rs.getString("id")), instant(rs, "created_at"))).optional();
    }

    public List<User> users(String companyId) {
        return jdbc.sql("select id from app_user where company_id = ? order by id").param(companyId)
                .query(String.class).list().stream().map(id -> findUser(id).orElseThrow()).toList();
    }

    private List<String> userLocations(String userId) {
        return jdbc.sql("select location_id from user_location where user_id = ? order by location_id")
                .param(userId).query(String.class).list();
    }

    public boolean userHasLocation(String userId, String locationId) {
        return jdbc.sql("select count(*) from user_location where user_id = ? and location_id = ?")
                .params(userId, locationId).query(Integer.class).single() > 0;
    }

    public void insertToken(ApiToken token, String hash) {
        jdbc.sql("""
                insert into api_token (id, token_hash, kind, company_id, location_id, label, scopes, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(token.id(), hash, token.kind().name(), token.companyId(), token.locationId(), token.label(),
                        String.join(" ", token.scopes()), timestamp(token.createdAt()))
                .update();
    }

    /** The live (unrevoked) token with this hash, together with its stored hash for a constant-time check. */
    public Optional<StoredToken> findLiveTokenByHash(String hash) {
        return jdbc.sql("select * from api_token where token_hash = ? and revoked_at is null").param(hash)
                .query((rs, n) -> new StoredToken(token(rs), rs.getString("token_hash"))).optional();
    }

    public List<ApiToken> tokens() {
        return jdbc.sql("select * from api_token order by created_at, id").query((rs, n) -> token(rs)).list();
    }

    public boolean revokeToken(String id) {
        return jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(timestamp(now()), id).update() > 0;
    }

    public boolean anyTokenExists() {
        return jdbc.sql("select count(*) from api_token").query(Long.class).single() > 0;
    }

    /**
     * Within a transaction, waits for any other instance's first start to finish: locks the first
     * row of Flyway's history, which every remit database has, so that two instances starting on
     * one empty database do not both bootstrap it.
     */
    void lockForFirstStart() {
        jdbc.sql("select installed_rank from flyway_schema_history where installed_rank = 1 for update")
                .query(Integer.class).list();
    }

    public record StoredToken(ApiToken token, String hash) {
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        return new ApiToken(rs.getString("id"), TokenKind.valueOf(rs.getString("kind")), rs.getString("company_id"),
                rs.getString("location_id"), rs.getString("label"),
                scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")), instant(rs, "created_at"),
                instant(rs, "revoked_at"));
    }

    private static Location location(ResultSet rs, int row) throws SQLException {
        return new Location(rs.getString("id"), rs.getString("company_id"), rs.getString("name"),
                rs.getString("country"), rs.getString("time_zone"), instant(rs, "created_at"));
    }

    Instant now() {
        // Microseconds: what both PostgreSQL and H2 keep, so a value reads back as it was written.
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
