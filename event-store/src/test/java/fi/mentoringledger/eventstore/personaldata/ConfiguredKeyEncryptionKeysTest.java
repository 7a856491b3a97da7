package fi.mentoringledger.eventstore.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys.WrappedKey;

/** The KEKs as the configuration gives them: required, checked, and never repeated in a message. */
class ConfiguredKeyEncryptionKeysTest {

    private static final String KEK_1 = TestKeyEncryptionKeys.newKek();
    private static final String KEK_2 = TestKeyEncryptionKeys.newKek();

    @Test
    void withoutAKekNothingStartsAndTheMessageSaysWhatToSet() {
        assertThatThrownBy(() -> ConfiguredKeyEncryptionKeys.from(new StandardEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key-encryption key for personal data")
                .hasMessageContaining("mentoring.personal-data.kek.current")
                .hasMessageContaining("mentoring.personal-data.kek.keys.<version>")
                .hasMessageContaining("MENTORING_PERSONALDATA_KEK_KEYS_<version>");
        assertThatThrownBy(() -> ConfiguredKeyEncryptionKeys.from(Map.of(ConfiguredKeyEncryptionKeys.KEYS + ".1", KEK_1)))
                .as("a key without a current version").hasMessageContaining("no key-encryption key");
    }

    @Test
    void theEnvironmentVariablesOfDockerComposeAndTheLocalRunAreRead() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "MENTORING_PERSONALDATA_KEK_CURRENT", "2",
                "MENTORING_PERSONALDATA_KEK_KEYS_1", KEK_1,
                "MENTORING_PERSONALDATA_KEK_KEYS_2", KEK_2)));

        KeyEncryptionKeys keks = ConfiguredKeyEncryptionKeys.from(environment);

        assertThat(keks.currentVersion()).isEqualTo(2);
        assertThat(keks.knows(1)).isTrue();
        assertThat(keks.knows(2)).isTrue();
        assertThat(keks.knows(3)).isFalse();
    }

    @Test
    void aCurrentVersionWithoutItsKeyOrAKeyThatIsNoAes256KeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> TestKeyEncryptionKeys.configured(2, Map.of(1, KEK_1)))
                .hasMessageContaining("mentoring.personal-data.kek.current is 2")
                .hasMessageContaining("mentoring.personal-data.kek.keys.2 is not set");
        String notBase64 = "not-base64-" + KEK_1;
        assertThatThrownBy(() -> TestKeyEncryptionKeys.configured(1, Map.of(1, notBase64)))
                .hasMessageContaining("mentoring.personal-data.kek.keys.1 is not base64")
                .hasMessageNotContaining(notBase64).hasMessageNotContaining(KEK_1).hasNoCause();
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> TestKeyEncryptionKeys.configured(1, Map.of(1, short16)))
                .hasMessageContaining("holds 16 bytes").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> TestKeyEncryptionKeys.configured(0, Map.of(0, KEK_1)))
                .hasMessageContaining("must name a KEK version");
    }

    @Test
    void aWrappedKeyUnwrapsOnlyForItsKeyIdPersonAndVersion() {
        KeyEncryptionKeys keks = TestKeyEncryptionKeys.configured(2, Map.of(1, KEK_1, 2, KEK_2));
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        UUID keyId = UUID.randomUUID();

        WrappedKey wrapped = keks.wrap(keyId, "p-aino", dataKey);

        assertThat(wrapped.kekVersion()).isEqualTo(2);
        assertThat(keks.unwrap(keyId, "p-aino", wrapped)).isEqualTo(dataKey);
        assertThatThrownBy(() -> keks.unwrap(keyId, "p-bea", wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keks.unwrap(UUID.randomUUID(), "p-aino", wrapped))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keks.unwrap(keyId, "p-aino", new WrappedKey(1, wrapped.wrapped())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(wrapped.wrapped()))
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(dataKey));
        assertThatThrownBy(() -> keks.unwrap(keyId, "p-aino", new WrappedKey(3, wrapped.wrapped())))
                .hasMessageContaining("KEK version 3, which is not configured");
    }

    @Test
    void whatItSaysOfItselfNamesVersionsNeverKeys() {
        Map<Integer, String> keys = new HashMap<>(Map.of(1, KEK_1, 2, KEK_2));

        assertThat(TestKeyEncryptionKeys.configured(2, keys).toString()).contains("[1, 2]")
                .doesNotContain(KEK_1).doesNotContain(KEK_2);
    }
}
