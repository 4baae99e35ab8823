// kansli portal: signing in the browser (issue 14, page "Att signera", option b).
//
// The signer picks their own PKCS#8 key (PEM) from disk. This script decrypts it when it is an
// EncryptedPrivateKeyInfo (PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC, as keys/demo), imports
// it into WebCrypto, asks the server for the prepared SignedAttributes (`kansli sign --prepare`),
// signs those bytes (RSASSA-PKCS1-v1_5 or ECDSA P-256, both SHA-256) and posts the signature
// (`--complete`). The key and the passphrase never leave this page: the only requests are the
// two fetch() calls below, whose bodies hold nothing but the prepared id and the signature.
//
// All cryptography is WebCrypto's (crypto.subtle); this file only walks the DER structure to find
// the algorithm identifiers and parameters, and refuses anything else. Limits: keys up to 64 KiB,
// PBKDF2 iteration counts from 1,000 to 10,000,000.
(function () {
    'use strict';

    var OID = {
        pbes2: '1.2.840.113549.1.5.13',
        pbkdf2: '1.2.840.113549.1.5.12',
        hmacSha256: '1.2.840.113549.2.9',
        aes256Cbc: '2.16.840.1.101.3.4.1.42',
        rsaEncryption: '1.2.840.113549.1.1.1',
        ecPublicKey: '1.2.840.10045.2.1',
        prime256v1: '1.2.840.10045.3.1.7'
    };
    var MAX_KEY_BYTES = 65536;

    function fail(message) {
        throw new Error(message);
    }

    // One DER element at `pos` of `bytes` (Uint8Array): {tag, start (content), end}. Definite
    // lengths only (DER), at most 4 length octets, never past the end of the input.
    function readTlv(bytes, pos, limit) {
        if (pos + 2 > limit) fail('trasig nyckelfil (DER för kort)');
        var tag = bytes[pos];
        var first = bytes[pos + 1];
        var length = 0;
        var start = pos + 2;
        if (first < 0x80) {
            length = first;
        } else {
            var count = first & 0x7f;
            if (count === 0 || count > 4 || start + count > limit) fail('trasig nyckelfil (DER-längd)');
            for (var i = 0; i < count; i++) length = length * 256 + bytes[start + i];
            start += count;
        }
        if (start + length > limit) fail('trasig nyckelfil (DER-längd)');
        return {tag: tag, start: start, end: start + length};
    }

    // The children of a constructed element, each checked against `tags` (null = any tag).
    function children(bytes, tlv, tags) {
        var out = [];
        var pos = tlv.start;
        while (pos < tlv.end) {
            var child = readTlv(bytes, pos, tlv.end);
            out.push(child);
            pos = child.end;
        }
        if (tags) {
            if (out.length < tags.length) fail('trasig nyckelfil (oväntad struktur)');
            tags.forEach(function (t, i) {
                if (t !== null && out[i].tag !== t) fail('trasig nyckelfil (oväntad struktur)');
            });
        }
        return out;
    }

    function oidString(bytes, tlv) {
        if (tlv.tag !== 0x06 || tlv.end - tlv.start < 1) fail('trasig nyckelfil (OID)');
        var first = bytes[tlv.start];
        var parts = [Math.floor(first / 40), first % 40];
        var value = 0;
        for (var i = tlv.start + 1; i < tlv.end; i++) {
            value = value * 128 + (bytes[i] & 0x7f);
            if (value > 0xffffffff) fail('trasig nyckelfil (OID)');
            if (!(bytes[i] & 0x80)) {
                parts.push(value);
                value = 0;
            }
        }
        return parts.join('.');
    }

    function smallInteger(bytes, tlv) {
        if (tlv.tag !== 0x02 || tlv.end - tlv.start < 1 || tlv.end - tlv.start > 4) fail('trasig nyckelfil (heltal)');
        var value = 0;
        for (var i = tlv.start; i < tlv.end; i++) value = value * 256 + bytes[i];
        return value;
    }

    function base64ToBytes(text) {
        var binary = atob(text);
        var out = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
        return out;
    }

    function bytesToBase64(bytes) {
        var binary = '';
        for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
        return btoa(binary);
    }

    // The first PEM block labelled ENCRYPTED PRIVATE KEY or PRIVATE KEY: {encrypted, der}.
    function parsePem(text) {
        var m = /-----BEGIN (ENCRYPTED PRIVATE KEY|PRIVATE KEY)-----([A-Za-z0-9+\/=\s]+)-----END \1-----/.exec(text);
        if (!m) fail('filen är ingen PKCS#8-nyckel (PEM "PRIVATE KEY" eller "ENCRYPTED PRIVATE KEY")');
        var der;
        try {
            der = base64ToBytes(m[2].replace(/\s+/g, ''));
        } catch (e) {
            fail('trasig nyckelfil (base64)');
        }
        return {encrypted: m[1] === 'ENCRYPTED PRIVATE KEY', der: der};
    }

    // EncryptedPrivateKeyInfo → the PBES2 parameters and the ciphertext; refuses other schemes.
    function parseEncrypted(der) {
        var top = readTlv(der, 0, der.length);
        var info = children(der, top, [0x30, 0x04]);
        var alg = children(der, info[0], [0x06, 0x30]);
        if (oidString(der, alg[0]) !== OID.pbes2) fail('nyckeln är inte krypterad med PBES2');
        var params = children(der, alg[1], [0x30, 0x30]);
        var kdf = children(der, params[0], [0x06, 0x30]);
        if (oidString(der, kdf[0]) !== OID.pbkdf2) fail('nyckelns PBES2 använder inte PBKDF2');
        var kdfParams = children(der, kdf[1], [0x04, 0x02]);
        var iterations = smallInteger(der, kdfParams[1]);
        if (iterations < 1000 || iterations > 10000000) fail('orimligt antal PBKDF2-iterationer: ' + iterations);
        var prf = OID.hmacSha256 + '?';
        for (var i = 2; i < kdfParams.length; i++) {
            if (kdfParams[i].tag === 0x02) {
                if (smallInteger(der, kdfParams[i]) !== 32) fail('nyckelns PBKDF2-nyckellängd är inte 32');
            } else if (kdfParams[i].tag === 0x30) {
                prf = oidString(der, children(der, kdfParams[i], [0x06])[0]);
            }
        }
        // PBKDF2's default PRF is HMAC-SHA-1: only an explicit HMAC-SHA-256 is accepted.
        if (prf !== OID.hmacSha256) fail('nyckelns PBKDF2 använder inte HMAC-SHA-256');
        var cipher = children(der, params[1], [0x06, 0x04]);
        if (oidString(der, cipher[0]) !== OID.aes256Cbc) fail('nyckeln är inte krypterad med AES-256-CBC');
        if (cipher[1].end - cipher[1].start !== 16) fail('trasig nyckelfil (IV)');
        return {
            salt: der.slice(kdfParams[0].start, kdfParams[0].end),
            iterations: iterations,
            iv: der.slice(cipher[1].start, cipher[1].end),
            data: der.slice(info[1].start, info[1].end)
        };
    }

    // PrivateKeyInfo → 'RSA' or 'ECDSA-P256' (the names of the prepare endpoint's key_algorithm).
    function keyAlgorithm(pkcs8) {
        var top = readTlv(pkcs8, 0, pkcs8.length);
        var info = children(pkcs8, top, [0x02, 0x30, 0x04]);
        var alg = children(pkcs8, info[1], [0x06]);
        var oid = oidString(pkcs8, alg[0]);
        if (oid === OID.rsaEncryption) return 'RSA';
        if (oid === OID.ecPublicKey && alg.length > 1 && oidString(pkcs8, alg[1]) === OID.prime256v1) return 'ECDSA-P256';
        fail('nyckeltypen stöds inte (endast RSA och EC P-256)');
    }

    async function decrypt(encrypted, passphrase) {
        var p = parseEncrypted(encrypted);
        var base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
        var aes = await crypto.subtle.deriveKey({name: 'PBKDF2', salt: p.salt, iterations: p.iterations, hash: 'SHA-256'},
                                                base, {name: 'AES-CBC', length: 256}, false, ['decrypt']);
        var plain;
        try {
            plain = await crypto.subtle.decrypt({name: 'AES-CBC', iv: p.iv}, aes, p.data);
        } catch (e) {
            fail('fel lösenfras för nyckeln');  // the PKCS#7 padding did not check out
        }
        return new Uint8Array(plain);
    }

    // PEM text + passphrase → {algorithm, key (a non-extractable CryptoKey for signing)}.
    async function loadKey(pemText, passphrase) {
        if (pemText.length > MAX_KEY_BYTES) fail('nyckelfilen är för stor');
        var pem = parsePem(pemText);
        var pkcs8 = pem.encrypted ? await decrypt(pem.der, passphrase) : pem.der;
        var algorithm;
        try {
            algorithm = keyAlgorithm(pkcs8);
        } catch (e) {
            // Wrong passphrase whose padding happened to look right: the plaintext is no key.
            if (pem.encrypted) fail('fel lösenfras för nyckeln');
            throw e;
        }
        var params = algorithm === 'RSA' ? {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'} : {name: 'ECDSA', namedCurve: 'P-256'};
        var key;
        try {
            key = await crypto.subtle.importKey('pkcs8', pkcs8, params, false, ['sign']);
        } catch (e) {
            fail(pem.encrypted ? 'fel lösenfras för nyckeln' : 'nyckeln kunde inte läsas');
        }
        return {algorithm: algorithm, key: key};
    }

    // Signs `data` (Uint8Array) with a key from loadKey: RSA gives PKCS#1 v1.5, ECDSA gives r||s.
    async function sign(loaded, data) {
        var params = loaded.algorithm === 'RSA' ? {name: 'RSASSA-PKCS1-v1_5'} : {name: 'ECDSA', hash: 'SHA-256'};
        return new Uint8Array(await crypto.subtle.sign(params, loaded.key, data));
    }

    // For the standalone test (tests/portal/websign_test.py): PEM + passphrase + base64 data →
    // base64 signature. Nothing is sent anywhere.
    async function signBase64(pemText, passphrase, dataBase64) {
        var loaded = await loadKey(pemText, passphrase);
        return {algorithm: loaded.algorithm, signature: bytesToBase64(await sign(loaded, base64ToBytes(dataBase64)))};
    }

    async function postJson(url, csrf, body) {
        var response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
            body: body === null ? '' : JSON.stringify(body)
        });
        var json = null;
        try {
            json = await response.json();
        } catch (e) {
            json = null;
        }
        if (!response.ok) fail((json && json.error) || 'servern svarade ' + response.status);
        if (!json) fail('servern svarade inte med JSON');
        return json;
    }

    function readFile(file) {
        return new Promise(function (resolve, reject) {
            if (file.size > MAX_KEY_BYTES) {
                reject(new Error('nyckelfilen är för stor'));
                return;
            }
            var reader = new FileReader();
            reader.onload = function () { resolve(String(reader.result)); };
            reader.onerror = function () { reject(new Error('nyckelfilen kunde inte läsas')); };
            reader.readAsText(file);
        });
    }

    async function run(section, status, button) {
        var fileInput = document.getElementById('websign-key');
        var passInput = document.getElementById('websign-passphrase');
        if (!fileInput.files || fileInput.files.length !== 1) fail('välj din nyckelfil (PEM) först');
        status.textContent = 'Läser nyckeln …';
        var loaded = await loadKey(await readFile(fileInput.files[0]), passInput.value);
        passInput.value = '';
        status.textContent = 'Hämtar det som ska signeras …';
        var prepared = await postJson(section.dataset.prepareUrl, section.dataset.csrf, null);
        if (prepared.key_algorithm && prepared.key_algorithm !== loaded.algorithm) {
            fail('nyckeln (' + loaded.algorithm + ') passar inte ditt certifikat (' + prepared.key_algorithm + ')');
        }
        var attributes = base64ToBytes(prepared.signed_attributes);
        if (attributes.length === 0 || attributes[0] !== 0x31) fail('servern skickade inga signerade attribut');
        status.textContent = 'Signerar …';
        var signature = await sign(loaded, attributes);
        var done = await postJson(section.dataset.completeUrl, section.dataset.csrf,
                                  {prepared_id: prepared.prepared_id, signature: bytesToBase64(signature)});
        status.textContent = 'Signerat.';
        if (done.redirect && done.redirect.charAt(0) === '/' && done.redirect.charAt(1) !== '/') {
            window.location.assign(done.redirect);
        } else {
            window.location.reload();
        }
    }

    function init() {
        var section = document.getElementById('websign');
        var button = document.getElementById('websign-button');
        var status = document.getElementById('websign-status');
        if (!section || !button || !status) return;
        if (!window.crypto || !crypto.subtle) {
            status.textContent = 'Webbläsaren saknar WebCrypto (kräver https eller localhost).';
            button.disabled = true;
            return;
        }
        button.addEventListener('click', function () {
            button.disabled = true;
            section.setAttribute('aria-busy', 'true');
            run(section, status, button).catch(function (e) {
                status.textContent = 'Fel: ' + e.message;
                button.disabled = false;
                section.removeAttribute('aria-busy');
            });
        });
    }

    window.kansliWebsign = {signBase64: signBase64};
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
