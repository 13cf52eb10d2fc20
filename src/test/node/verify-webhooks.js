// HighLevel's own verification code (docs: Webhook Authentication Guide, "Example Code"), run against
// webhooks remit sent: each captured file holds the raw body, the x-wh-signature header and the public
// key remit served at /webhooks/public-key. Usage: node src/test/node/verify-webhooks.js [folder ...]
// (default: src/test/node/captured and, when the Java suite has run, target/webhook-capture).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

let publicKey;

// The guide's function, unchanged.
function verifySignature(payload, signature) {
    const verifier = crypto.createVerify('SHA256');
    verifier.update(payload);
    verifier.end();

    return verifier.verify(publicKey, signature, 'base64');
}

const root = path.resolve(__dirname, '..', '..', '..');
const folders = process.argv.length > 2 ? process.argv.slice(2)
    : [path.join(__dirname, 'captured'), path.join(root, 'target', 'webhook-capture')];
const files = folders.filter(f => fs.existsSync(f))
    .flatMap(f => fs.readdirSync(f).filter(n => n.endsWith('.json')).map(n => path.join(f, n)));
if (files.length === 0) {
    console.error('no captured webhooks in ' + folders.join(', '));
    process.exit(1);
}
let failures = 0;
for (const file of files) {
    const captured = JSON.parse(fs.readFileSync(file, 'utf8'));
    publicKey = captured.publicKey;
    const body = JSON.parse(captured.body);
    // as the guide's example does: the parsed body written again with JSON.stringify
    const payload = JSON.stringify(body);
    const checks = {
        'raw body verifies': verifySignature(captured.body, captured.signature),
        'JSON.stringify(parsed body) verifies': verifySignature(payload, captured.signature),
        'JSON.stringify(parsed body) is the raw body': payload === captured.body,
        'a changed body does not verify': !verifySignature(payload.replace(body.webhookId, body.webhookId + 'x'), captured.signature),
        'timestamp and webhookId are present': typeof body.timestamp === 'string' && typeof body.webhookId === 'string'
            && !Number.isNaN(Date.parse(body.timestamp)),
    };
    for (const [check, ok] of Object.entries(checks)) {
        if (!ok) {
            failures++;
            console.error('FAILED ' + path.relative(root, file) + ': ' + check);
        }
    }
    console.log((Object.values(checks).every(Boolean) ? 'ok     ' : 'FAILED ') + path.relative(root, file)
        + ' (' + body.type + ', webhookId ' + body.webhookId + ')');
}
process.exit(failures === 0 ? 0 : 1);
